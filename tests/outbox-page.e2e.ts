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
	// Offline a try fails at once: the press still shows it sent, and says when it tried.
	await expect(page.getByRole('button', { name: '正在发送…' })).toBeDisabled();
	await expect(page.getByRole('status').filter({ hasText: '没有连上网络' })).toContainText(
		/没有连上网络，有信号时会自动发送（\d\d:\d\d 又试了一次，仍未发出）/
	);
	// Said once, not again under the item.
	await expect(page.getByText('没有连上网络，有信号时会自动发送')).toHaveCount(1);
	await expect(page.getByText(/Failed to fetch|已尝试 0 次/)).toHaveCount(0);
	// The item does not contradict the try just said: not sent, rather than never tried.
	const item = page.getByRole('list', { name: '待发送的申请和操作' }).getByRole('listitem');
	await expect(item).toContainText('还没有发出');
	await expect(item).not.toContainText('还没有发送过');
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

	// The application's own page says it too, and leads to the form to correct it, which says it
	// again above the fields.
	const oldReference = (await refused.getByRole('link').textContent())!.trim();
	await refused.getByRole('link').click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText(`服务器未接受：${reason}`);
	// The time chosen is still named, as not booked; no progress is shown with nothing in it.
	const chosen = page.getByRole('definition').filter({ hasText: '未预约：申请未被受理' });
	await expect(chosen).toContainText(/\d+月\d+日/);
	await expect(page.getByText('所选时间', { exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: '办理进度' })).toHaveCount(0);
	// Nothing waits to be sent: the notice says what is to be done instead.
	await expect(page.getByTestId('outbox-count')).toHaveText('1 项未被受理，需修改');
	await page.getByRole('link', { name: '修改后重新提交' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: reason })).toContainText(
		`上次提交未被受理：${reason}`
	);
	await expect(page.getByLabel('申请人姓名')).toHaveValue('重复预约');
	// Sent again it has a new reference: its receipt names the one it replaces.
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
	await expect(page.getByText(`修改后重新提交，原编号 ${oldReference} 不再使用`)).toBeVisible();
	await expect(page.getByTestId('reference')).not.toHaveText(oldReference);
});
