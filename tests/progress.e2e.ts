import { expect, test } from './fixtures';
import {
	applyFromSlots,
	serverApplications,
	signInAsAgent,
	SLOTS_PAGE,
	uniqueN
} from './support/apply';
import { processAtCounter } from './support/staff';

test('the receipt shows each step with its time, and the counter’s steps arrive while it is open', async ({
	page,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '进度测试');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;
	const timeline = page.getByRole('region', { name: '办理进度' });
	await expect(timeline.getByRole('listitem').filter({ hasText: '已提交申请' })).toBeVisible({
		timeout: 20_000
	});

	await processAtCounter(baseURL!, id, [
		{ action: 'accept' },
		{ action: 'request_materials', note: '请补拍营业场所照片', materials: ['operator-id'] }
	]);
	// No reload: the open page learns of it by itself, within about 15 s.
	await expect(page.getByText('需补充材料', { exact: true })).toBeVisible({ timeout: 16_000 });
	await expect(timeline.getByRole('listitem')).toHaveText([
		/已提交申请/,
		/窗口已受理/,
		/需要补充材料[\s\S]*请补拍营业场所照片/
	]);
	await expect(timeline.locator('time').first()).toHaveAttribute('datetime', /^\d{4}-/);
});

test('news of an application shows on the list until the resident opens it', async ({
	page,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '新进展测试');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;
	await page.goto('/');
	await processAtCounter(baseURL!, id, [{ action: 'accept' }]);
	// Wherever the resident is: a line under the top bar, and a dot on 我的申请.
	await expect(page.getByRole('link', { name: '您的申请有新进展 · 查看' })).toBeVisible({
		timeout: 16_000
	});
	await expect(page.getByTestId('news-dot')).toBeVisible();
	await page.getByRole('link', { name: '您的申请有新进展 · 查看' }).click();
	await expect(page.locator('main').getByText('您的申请有新进展')).toBeVisible();
	const row = page.getByRole('listitem').filter({ hasText: reference });
	await expect(row.getByText('有新进展')).toBeVisible();
	await row.getByRole('link').click();
	await expect(page.getByText('已受理', { exact: true })).toBeVisible();
	// Opening the receipt marks it seen; the dot goes once that is stored on the device.
	await expect(page.getByTestId('news-dot')).toHaveCount(0);
	await page.goto('/applications');
	await expect(page.locator('main').getByText('您的申请有新进展')).toHaveCount(0);
	await expect(page.getByTestId('news-dot')).toHaveCount(0);
});

test('an agent signs out, and the residents’ applications leave the device', async ({ page }) => {
	await signInAsAgent(page);
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '代办退出');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	await page.goto('/agent');
	// Signed in, the page is the agent's own, no longer a sign-in.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('代办员');
	await page.getByRole('button', { name: '退出代办员登录' }).click();
	await expect(page.getByText('已退出。本机上为居民办理的申请和草稿已清除。')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('代办员登录');
	await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
	await page.goto('/applications');
	await expect(page.getByText('代办退出')).toHaveCount(0);
});
