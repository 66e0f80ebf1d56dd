import { expect, test } from './fixtures';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from './support/apply';

test('the outbox says in words why nothing went, and warns of storage only while items wait', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/outbox');
	await expect(page.getByText('没有等待发送的内容')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());
	await page.goto('/outbox');
	await page.getByRole('button', { name: '立即发送' }).click();
	await expect(page.getByText('没有连上网络，有信号时会自动发送').first()).toBeVisible();
	await expect(page.getByText(/Failed to fetch|已尝试 0 次/)).toHaveCount(0);
	await context.setOffline(false);
	await expect(page.getByText('没有等待发送的内容')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('没有连上网络')).toHaveCount(0);
});

test('an item the server refused says why once, and offers to correct it', async ({
	page,
	context,
	readyOffline
}) => {
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '重复预约');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	// The same person books the same matter again while offline: the server refuses it later.
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, n, '重复预约');
	await context.setOffline(false);
	await page.goto('/outbox');
	const refused = page.getByRole('listitem').filter({ hasText: '服务器未接受' });
	await expect(refused).toBeVisible({ timeout: 20_000 });
	const reason = (await refused.getByText(/^服务器未接受：/).textContent())!.replace(
		'服务器未接受：',
		''
	);
	expect(reason.length).toBeGreaterThan(4);
	// Said in the line above, not again as a list under it.
	await expect(refused.getByText(reason, { exact: true })).toHaveCount(0);
	await expect(refused.getByRole('button', { name: '修改后重新提交' })).toBeVisible();
});
