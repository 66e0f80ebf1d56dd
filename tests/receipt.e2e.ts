import { addDays, weekdayOf } from '../src/lib/catalog/dates';
import { expect, test } from './fixtures';
import {
	applyFromSlots,
	checkOpenSlot,
	fillApplication,
	serverApplications,
	SLOTS_PAGE,
	uniqueN
} from './support/apply';
import { e2eDatabase } from './support/db';
import { counterPage, processAtCounter } from './support/staff';

/** The server's booked slot of an application. */
function serverSlot(applicationId: string): string | null {
	const db = e2eDatabase();
	try {
		const row = db
			.prepare("select slot_start from bookings where application_id = ? and status = 'booked'")
			.get(applicationId) as { slot_start: string } | undefined;
		return row?.slot_start ?? null;
	} finally {
		db.close();
	}
}

/** Changes an application on the server as its housekeeping would, and records it for the phone. */
function changedOnServer(
	app: { id: string; reference: string },
	change: (db: ReturnType<typeof e2eDatabase>, now: string) => void
) {
	const db = e2eDatabase();
	try {
		const now = new Date().toISOString();
		change(db, now);
		db.prepare('insert into changes (device_id, application_id, created_at) values (?, ?, ?)').run(
			serverApplications(app.reference)[0]!.device_id,
			app.id,
			now
		);
	} finally {
		db.close();
	}
}

async function submitted(page: import('@playwright/test').Page, name: string) {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), name);
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	return { reference, id: serverApplications(reference)[0]!.id, receipt: page.url() };
}

/**
 * On the receipt: move to the first open slot of the third day listed, away from the places other
 * tests book (each takes the first free one); returns its start as the checkbox says.
 */
async function moveToAnotherSlot(
	page: import('@playwright/test').Page,
	notice: string | RegExp = /^正在改约，现在约的是 \d+月\d+日/
) {
	await page.getByRole('link', { name: '改约其他时间' }).click();
	// The page says which booking is being moved.
	await expect(page.getByText(notice)).toBeVisible();
	const day = page.locator('.days button').nth(2);
	await day.click();
	await expect(day).toHaveAttribute('aria-pressed', 'true');
	const target = page.locator('.slots input[type=checkbox]:not([disabled])').first();
	const start = (await target.getAttribute('value'))!;
	await target.check();
	await page.getByRole('button', { name: '改约到所选时段' }).click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
	return start;
}

test('moving a booking works online and shows the new time', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const app = await submitted(page, '改约测试');
	const before = serverSlot(app.id);
	const start = await moveToAnotherSlot(page);
	expect(start).not.toBe(before);
	await expect.poll(() => serverSlot(app.id), { timeout: 20_000 }).toBe(start);
	await expect(page.getByTestId('booked-slot')).toHaveAttribute('data-start', start);
	expect(errors).toEqual([]);
});

test('the receipt says how to bring each material, which depend on the situation, and where', async ({
	page
}) => {
	await submitted(page, '材料清单');
	const bring = page.getByRole('list', { name: '申请材料' });
	await expect(bring.getByRole('listitem').filter({ hasText: '经营者身份证' })).toContainText(
		'原件 1 份'
	);
	// The situation was not asked on the form: a material that depends on it says so.
	await expect(
		bring.getByRole('listitem').filter({ hasText: '房屋租赁合同及出租方产权证明' })
	).toContainText('视情况');
	await expect(page.getByText('莱阳市城厢街道旌旗东路10号')).toBeVisible();
	await page.getByRole('link', { name: '城厢街道便民服务中心' }).click();
	await expect(page).toHaveURL(/\/points\/chengxiang-centre$/);
});

test('a phone that could not download the catalogue still shows what was applied for, where, and what to bring', async ({
	page
}) => {
	// Small answers get through on a weak signal; the whole catalogue (this phone's first) does not.
	await page.context().route(
		(url) => url.pathname === '/api/catalog',
		(route) => route.abort('timedout')
	);
	const app = await submitted(page, '目录未下载');
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toHaveAttribute(
		'href',
		'/matters/individual-business-registration'
	);
	await expect(page.getByRole('link', { name: '城厢街道便民服务中心' })).toBeVisible();
	const bring = page.getByRole('list', { name: '申请材料' });
	await expect(bring.getByRole('listitem').filter({ hasText: '经营者身份证' })).toContainText(
		'原件 1 份'
	);
	await page.getByRole('link', { name: '我的申请' }).first().click();
	await expect(page.getByRole('link', { name: /个体工商户登记/ }).first()).toBeVisible();
	// Its two times say which is which: when it was made, and when to come.
	await expect(page.getByRole('listitem').filter({ hasText: app.reference })).toContainText(
		/申请于 \d+月\d+日 \d\d:\d\d\s· 预约 \d+月\d+日 周. \d\d:\d\d/
	);

	// What the phone was shown online, it is shown offline too.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
	await page.goto(app.receipt);
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	await page.goto('/applications');
	await expect(page.getByRole('link', { name: /个体工商户登记/ }).first()).toBeVisible();
	await page.context().setOffline(true);
	await page.goto(app.receipt);
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	await expect(page.getByRole('link', { name: '城厢街道便民服务中心' })).toBeVisible();
	await expect(bring.getByRole('listitem').filter({ hasText: '经营者身份证' })).toBeVisible();
	await page.goto('/applications');
	await expect(page.getByRole('link', { name: /个体工商户登记/ }).first()).toBeVisible();
	await page.context().setOffline(false);
});

test('while the catalogue is read, the receipt says so rather than showing a point’s code', async ({
	page
}) => {
	// A phone without the catalogue, whose names come slowly from the server.
	await page.context().route(
		(url) => url.pathname === '/api/catalog',
		(route) => route.abort('timedout')
	);
	const app = await submitted(page, '目录读取中');
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.context().route(
		(url) => url.pathname.startsWith('/api/catalog/views/'),
		async (route) => {
			await released;
			await route.continue();
		}
	);
	await page.goto(app.receipt);
	await expect(page.getByTestId('reference')).toHaveText(app.reference);
	const point = page.getByRole('definition').filter({ hasText: '正在读取办事目录' });
	await expect(point.first()).toBeVisible();
	await expect(page.getByText('chengxiang-centre')).toHaveCount(0);
	release();
	await expect(page.getByRole('link', { name: '城厢街道便民服务中心' })).toBeVisible();
	await expect(page.getByText('正在读取办事目录')).toHaveCount(0);
});

test('a cancel made offline says it waits to be sent, and offers nothing more meanwhile', async ({
	page,
	context,
	readyOffline
}) => {
	await submitted(page, '离线取消');
	await readyOffline(page);
	await context.setOffline(true);
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: '取消申请' }).click();
	await expect(page.getByText('取消申请已保存，有网络时发送')).toBeVisible();
	await expect(page.getByRole('button', { name: '取消申请' })).toHaveCount(0);
	// The keyboard carries on from the receipt's heading, not from the top of the page.
	await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
	await expect(page.getByRole('link', { name: '改约其他时间' })).toHaveCount(0);
	await context.setOffline(false);
	await expect(page.getByText('已取消', { exact: true })).toBeVisible({ timeout: 30_000 });
});

test('a visit missed shows as missed, and the application takes a new time', async ({ page }) => {
	const app = await submitted(page, '错过预约');
	// Away from the receipt: open, it takes what the phone learns of it as seen there and then, and
	// a poll that came before the home page would leave no news to tell.
	await page.goto('/search');
	// As the server's housekeeping leaves a booking whose day passed with nobody checked in.
	changedOnServer(app, (db, now) =>
		db
			.prepare(
				"update bookings set slot_start = '2026-11-30T09:00+08:00', status = 'released', missed_at = ?, updated_at = ? where application_id = ?"
			)
			.run(now, now, app.id)
	);
	// And as the phone keeps the times it asked for: the missed one, now past.
	await page.evaluate(async (id) => {
		const open = indexedDB.open('one-window');
		const db = await new Promise<IDBDatabase>((r) => (open.onsuccess = () => r(open.result)));
		const store = db.transaction('applications', 'readwrite').objectStore('applications');
		await new Promise<void>((r) => {
			const got = store.get(id);
			got.onsuccess = () => {
				store.put({ ...got.result, slots: ['2026-11-30T09:00+08:00'] }).onsuccess = () => r();
			};
		});
	}, app.id);
	// The phone tells of it wherever the resident is.
	await page.goto('/');
	await expect(page.getByRole('link', { name: '您的申请有新进展 · 查看' })).toBeVisible({
		timeout: 20_000
	});
	await page.goto(app.receipt);
	await expect(page.getByText('错过了预约的 11月30日 周一 09:00，请改约其他时间')).toBeVisible({
		timeout: 20_000
	});
	// No time is held, so none is too near to move: the resident chooses a new one.
	const start = await moveToAnotherSlot(
		page,
		'正在改约：原来预约的 11月30日 周一 09:00 已错过，请选一个新的时段。'
	);
	await expect.poll(() => serverSlot(app.id), { timeout: 20_000 }).toBe(start);
	await expect(page.getByTestId('booked-slot')).toHaveAttribute('data-start', start);
});

test('an application sent without a time says the point will arrange one, not that times were full', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	await page.getByRole('link', { name: '不选时段，直接填写申请' }).click();
	await expect(page.getByText('未选时段：提交后由服务点安排或稍后另选')).toBeVisible();
	await fillApplication(page, uniqueN(), '不选时段');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('未选时段，由服务点安排')).toBeVisible();
	await expect(page.getByText(/约满/)).toHaveCount(0);
	// Cancelling withdraws the application itself, and says so.
	await expect(page.getByRole('button', { name: '取消申请' })).toBeVisible();
	await expect(page.getByRole('link', { name: '选一个时段' })).toBeVisible();
});

test('an application filed offline without a time says the point will arrange one, as one sent online does', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: '不选时段，直接填写申请' }).click();
	await fillApplication(page, uniqueN(), '离线不选时段');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByText('等待发送', { exact: true })).toBeVisible();
	const booked = page
		.getByRole('definition')
		.filter({ has: page.getByText('未选时段，由服务点安排') });
	await expect(booked).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: /^—$/ })).toHaveCount(0);
	await context.setOffline(false);
});

test('a booked time the point no longer serves is said so, and can be moved', async ({ page }) => {
	const app = await submitted(page, '时段撤销');
	// As a catalogue publication that cut the point's hours leaves the booking.
	changedOnServer(app, (db, now) =>
		db
			.prepare(
				"update bookings set withdrawn_at = ? where application_id = ? and status = 'booked'"
			)
			.run(now, app.id)
	);
	await page.goto('/');
	await expect(page.getByRole('link', { name: '您的申请有新进展 · 查看' })).toBeVisible({
		timeout: 20_000
	});
	// The list of applications says what the news is.
	await page.goto('/applications');
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: app.reference })
			.getByText('此时段已不再办理，请改约')
	).toBeVisible();
	// In large text on a small phone, the receipt says so on its first screen.
	await page.context().addCookies([{ name: 'ow_elder', value: '1', url: page.url() }]);
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto(app.receipt);
	await expect(
		page.getByText(/此时段已不再办理。服务点会与您联系；您也可以改约其他时间/)
	).toBeInViewport({ ratio: 1, timeout: 20_000 });
	await expect(page.getByTestId('booked-slot')).toBeVisible();
	const start = await moveToAnotherSlot(page);
	await expect.poll(() => serverSlot(app.id), { timeout: 20_000 }).toBe(start);
	await expect(page.getByTestId('booked-slot')).toHaveAttribute('data-start', start);
	await expect(page.getByText(/此时段已不再办理/)).toHaveCount(0);
});

test('moving a booking offline waits in the outbox, then lands', async ({
	page,
	context,
	readyOffline
}) => {
	const app = await submitted(page, '离线改约');
	await readyOffline(page);
	await context.setOffline(true);
	const start = await moveToAnotherSlot(page);
	await expect(page.getByText(/改约.*等待发送/)).toBeVisible();
	expect(serverSlot(app.id)).not.toBe(start);
	await context.setOffline(false);
	await expect.poll(() => serverSlot(app.id), { timeout: 30_000 }).toBe(start);
	await expect(page.getByTestId('booked-slot')).toHaveAttribute('data-start', start, {
		timeout: 20_000
	});
});

test('a rating has no default: the resident is asked to choose', async ({ page, baseURL }) => {
	const app = await submitted(page, '评价测试');
	await processAtCounter(baseURL!, app.id, [{ action: 'accept' }, { action: 'complete' }]);
	await page.goto(app.receipt);
	await expect(page.getByText('已办结', { exact: true })).toBeVisible({ timeout: 20_000 });
	await page.getByRole('button', { name: '提交评价' }).click();
	await expect(page.getByRole('alert')).toContainText('请选择');
	await expect(page.getByText('修改已保存，等待发送')).toHaveCount(0);
	await page.getByRole('radio', { name: '4 星' }).check();
	// Sent from the keyboard: the form goes once rated, and the answer takes the focus.
	await page.getByRole('button', { name: '提交评价' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('您的评价：4 星')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('您的评价：4 星')).toBeFocused();
});

test('a cancelled receipt shows no code, no materials to bring and no time', async ({
	page,
	browser,
	baseURL
}) => {
	const app = await submitted(page, '取消测试');
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: '取消申请' }).click();
	await expect(page.getByText('已取消', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByTestId('receipt-qr')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: '请带齐以下材料' })).toHaveCount(0);
	await expect(page.getByTestId('booked-slot')).toHaveCount(0);
	// The guide is a tap away, and so is applying again at the same point.
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toHaveAttribute(
		'href',
		'/matters/individual-business-registration'
	);
	await page.getByRole('link', { name: '重新申请' }).click();
	await expect(page).toHaveURL(
		/\/points\/chengxiang-centre\/slots\?matter=individual-business-registration/
	);
	await page.goBack();

	// Should the person come anyway, the counter is told why it cannot check them in.
	const counter = await counterPage(browser, baseURL!);
	await counter.goto('/staff/check-in');
	await counter.getByLabel('二维码内容或申请编号').fill(app.reference);
	await counter.keyboard.press('Enter');
	await expect(counter.getByRole('alert')).toHaveText('申请状态为“已取消”，不能签到取号');
	await counter.context().close();
});

test('going from one application’s page straight to another shows the second', async ({ page }) => {
	const first = await submitted(page, '第一份申请');
	const second = await submitted(page, '第二份申请');
	await page.goto(first.receipt);
	await expect(page.getByTestId('reference')).toHaveText(first.reference);
	// A link inside the app, as a notice of an update would be: the page is not reloaded.
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.body.append(a);
		a.click();
	}, new URL(second.receipt).pathname);
	await expect(page.getByTestId('reference')).toHaveText(second.reference);
	await expect(page.getByText('第二份申请')).toBeVisible();
});

test('going from one matter’s slots straight to another’s shows the second’s times', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	const first = page.locator('.slots .time').first();
	await expect(first).toHaveText(/^\d\d:\d\d–\d\d:\d\d$/);
	const minutes = async () => {
		const [from, to] = (await first.textContent())!.split('–').map((t) => {
			const [h, m] = t.split(':').map(Number);
			return h! * 60 + m!;
		});
		return to! - from!;
	};
	expect(await minutes()).toBe(20);
	await page.evaluate(() => {
		const a = document.createElement('a');
		a.href = '/points/chengxiang-centre/slots?matter=individual-business-deregistration';
		document.body.append(a);
		a.click();
	});
	await expect(page.getByRole('heading', { level: 1 })).toContainText('个体工商户注销');
	await expect.poll(minutes).toBe(15);
});

test('a time asked for on a day the point is closed is not said to be full', async ({ page }) => {
	// A link kept from before: the centre does not open on Sundays.
	let day = addDays(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 3);
	while (weekdayOf(day) !== 7) day = addDays(day, 1);
	const slot = encodeURIComponent(`${day}T09:00+08:00`);
	await page.goto(
		`/apply?matter=individual-business-registration&point=chengxiang-centre&slots=${slot}`
	);
	await fillApplication(page, uniqueN(), '休息日测试');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByText('所选时段都已约满或不再开放，请改约其他时间')).toBeVisible({
		timeout: 20_000
	});
	await expect(page.getByText(/已约满，请从下列时段中另选/)).toHaveCount(0);
});

test('submitted from the keyboard, the receipt is read from its heading, not from the top of the page', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	await checkOpenSlot(page);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await fillApplication(page, uniqueN(), '键盘提交');
	await page.getByRole('button', { name: '提交申请' }).press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: '申请回执' })).toBeFocused();
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	await page.keyboard.press('Tab');
	// The next stop is on the receipt, not the bars around it.
	await expect(page.locator('main :focus')).toHaveCount(1);
});
