import { expect, test } from './fixtures';
import { applyFromSlots, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';

test('an application submitted offline waits in the outbox, survives a reload and lands once', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());

	const reference = (await page.getByTestId('reference').textContent())!.trim();
	expect(reference).toMatch(/^LY-[0-9A-Z]{8}$/);
	await expect(page.getByText('等待发送').first()).toBeVisible();
	await expect(page.getByTestId('outbox-count')).toHaveText('待发送 1 项');

	// Until it is sent nothing is booked: the receipt names the times asked for, not a booked one.
	const slot = page.getByRole('definition').filter({ hasText: /\d+月\d+日 周. \d\d:\d\d/ });
	await expect(page.getByRole('term').filter({ hasText: /^所选时间$/ })).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: /^预约时间$/ })).toHaveCount(0);
	await expect(slot).toContainText('发送后才知道是否约上');

	await page.reload();
	await expect(page.getByTestId('reference')).toHaveText(reference);
	await page.getByTestId('outbox-count').click();
	const waiting = page.getByRole('list', { name: '待发送的申请和操作' }).getByRole('listitem');
	await expect(waiting).toHaveCount(1);
	// What waits is named by what it is for, offline too.
	await expect(waiting).toContainText('提交申请：个体工商户登记');
	expect(serverApplications(reference)).toHaveLength(0);
	// Its row names the time asked for, as the receipt does, while it waits to be sent.
	await page.goto('/applications');
	await expect(page.getByRole('listitem').filter({ hasText: reference })).toContainText(
		/· 所选时间 \d+月\d+日 周. \d\d:\d\d/
	);
	await page.getByTestId('outbox-count').click();

	await context.setOffline(false);
	await expect(page.getByText('没有等待发送的内容')).toBeVisible({ timeout: 20_000 });
	expect(serverApplications(reference)).toHaveLength(1);
	await page.goto('/applications');
	await page.getByRole('link', { name: '个体工商户登记' }).first().click();
	await expect(page.getByTestId('reference')).toHaveText(reference);
	await expect(page.getByText('已提交', { exact: true })).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: /^预约时间$/ })).toBeVisible();
	await expect(page.getByTestId('booked-slot')).toHaveText(/\d+月\d+日 周. \d\d:\d\d/);
	await expect(page.getByText('发送后才知道是否约上')).toHaveCount(0);
});

test('a lost acknowledgement is retried and still makes one application', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	let dropped = 0;
	// The request reaches the server; its answer never reaches the phone.
	await context.route('**/api/sync', async (route) => {
		if (route.request().method() === 'POST' && dropped === 0) {
			dropped++;
			await route.fetch();
			await route.abort('connectionreset');
			return;
		}
		await route.continue();
	});
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await context.setOffline(false);

	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 30_000 });
	expect(dropped).toBe(1);
	expect(serverApplications(reference)).toHaveLength(1);
});

test('while the server answers 503 the item stays, is retried with backoff, and lands', async ({
	page,
	context
}) => {
	const attempts: number[] = [];
	let down = true;
	await context.route('**/api/sync', async (route) => {
		if (route.request().method() === 'POST' && down) {
			attempts.push(Date.now());
			await route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, body: 'busy' });
			return;
		}
		await route.continue();
	});
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN());
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await page.getByTestId('outbox-count').click();
	await expect(page.getByText('服务器暂时出错，稍后自动重试').first()).toBeVisible();
	await expect(page.getByText(/已尝试 [3-9] 次/)).toBeVisible({ timeout: 20_000 });
	const waiting = page.getByRole('list', { name: '待发送的申请和操作' }).getByRole('listitem');
	await expect(waiting).toHaveCount(1);
	// What waits is named by what it is for, offline too.
	await expect(waiting).toContainText('提交申请：个体工商户登记');
	expect(serverApplications(reference)).toHaveLength(0);
	down = false;
	await expect(page.getByText('没有等待发送的内容')).toBeVisible({ timeout: 30_000 });
	expect(attempts.length).toBeGreaterThanOrEqual(3);
	// Each retry waited for the server's Retry-After.
	for (let i = 1; i < attempts.length; i++)
		expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(900);
	expect(serverApplications(reference)).toHaveLength(1);
});

test('two tabs flushing at once make one application', async ({ page, context, readyOffline }) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await page.goto('/outbox');
	const second = await context.newPage();
	await second.goto('/outbox');
	await expect(
		second.getByRole('list', { name: '待发送的申请和操作' }).getByRole('listitem')
	).toHaveCount(1);

	// Back online, both tabs start flushing at the same moment (each hears `online`).
	let posts = 0;
	await context.route('**/api/sync', async (route) => {
		if (route.request().method() === 'POST') posts++;
		await route.continue();
	});
	await context.setOffline(false);
	await expect(page.getByText('没有等待发送的内容')).toBeVisible({ timeout: 20_000 });
	await expect(second.getByText('没有等待发送的内容')).toBeVisible({ timeout: 20_000 });
	expect(serverApplications(reference)).toHaveLength(1);
	// One flush at a time per origin: the op went out once.
	expect(posts).toBe(1);
});

test('an application cancelled offline before it was ever sent is withdrawn on the phone: nothing is sent', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await expect(page.getByTestId('outbox-count')).toHaveText('待发送 1 项');
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: '取消申请' }).click();
	await expect(page.getByText('已取消', { exact: true })).toBeVisible();
	await expect(page.getByTestId('outbox-count')).toBeHidden();

	let posts = 0;
	await context.route('**/api/sync', async (route) => {
		if (route.request().method() === 'POST') posts++;
		await route.continue();
	});
	await context.setOffline(false);
	await page.goto('/outbox');
	await expect(page.getByText('没有等待发送的内容')).toBeVisible();
	await page.goto('/applications');
	await expect(page.getByRole('listitem').filter({ hasText: reference })).toContainText('已取消');
	expect(posts).toBe(0);
	expect(serverApplications(reference)).toHaveLength(0);
});
