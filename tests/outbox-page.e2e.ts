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
