import { expect, test } from './fixtures';
import { readQr } from './support/qr';
import { clerkPage, issueWalkIn, open } from './support/queue';
import { applyFromSlots, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import {
	addUser,
	checkInFromPicture,
	ADMIN,
	counterPage,
	materialMark,
	materialRow,
	signIn,
	signInAgainInNewWindow,
	STAFF_A
} from './support/staff';

test('staff sign in and out; the workspace needs a session', async ({ page }) => {
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/staff\/login\?next=%2Fstaff$/);
	await signIn(page, STAFF_A);
	await expect(
		page.getByRole('heading', { level: 1, name: '今日 · 城厢街道便民服务中心' })
	).toBeVisible();
	const cookie = (await page.context().cookies()).find((c) => c.name === 'ow_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

	// The sign-out address opened as a page (typed, or from a link) signs nobody out: back to work.
	const opened = await page.goto('/staff/logout');
	expect(opened?.status()).toBe(200);
	await expect(page).toHaveURL(/\/staff$/);
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
	await page.goto('/staff');
	await expect(page).toHaveURL(/\/staff\/login/);

	// Signing out of a session that has already ended (it lapsed, or was ended elsewhere) lands on
	// the sign-in page too.
	await signIn(page, STAFF_A);
	await page.context().clearCookies({ name: 'ow_session' });
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
});

test('a clerk whose session lapsed is told to sign in again in a new window, and the walk-in ticket is then issued', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	await open(clerk, '/staff');
	await clerk.getByLabel('业务类别').selectOption('employment');
	await clerk.context().clearCookies({ name: 'ow_session' });
	await clerk.getByRole('button', { name: '取号' }).click();
	const lapsed = clerk.getByRole('alert').filter({ hasText: '登录已失效' });
	await expect(lapsed).toBeVisible();
	await expect(clerk.getByLabel('业务类别')).toHaveValue('employment');

	await signInAgainInNewWindow(clerk, STAFF_A, /\/staff$/);

	await clerk.getByRole('button', { name: '取号' }).click();
	await expect(clerk.getByRole('status').filter({ hasText: '号码：' })).toBeVisible();
	await expect(lapsed).toHaveCount(0);

	// A search after a lapse leads to signing in, on a page that no longer says who is signed in.
	await clerk.context().clearCookies({ name: 'ow_session' });
	await clerk.getByLabel('按申请编号、姓名或手机号查找').fill('A001');
	await clerk.getByLabel('按申请编号、姓名或手机号查找').press('Enter');
	await expect(clerk.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
	await expect(clerk.getByRole('button', { name: '退出登录' })).toHaveCount(0);
	await expect(clerk.getByRole('navigation', { name: '主导航' })).toHaveCount(0);
	await clerk.context().close();
});

test('a live update after the session lapsed keeps the page and what is typed, and says to sign in again', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	const colleague = await clerkPage(browser, baseURL!);
	await open(clerk, '/staff');
	await clerk.getByLabel('业务类别').selectOption('employment');
	await clerk.getByLabel('按申请编号、姓名或手机号查找').fill('王秀');
	await clerk.context().clearCookies({ name: 'ow_session' });

	// A change at the centre: the page's data loads again, and finds the session gone.
	await issueWalkIn(colleague);
	const lapsed = clerk.getByRole('alert').filter({ hasText: '登录已失效' });
	await expect(lapsed).toBeVisible();
	await expect(clerk).toHaveURL(/\/staff$/);
	await expect(clerk.getByLabel('业务类别')).toHaveValue('employment');
	await expect(clerk.getByLabel('按申请编号、姓名或手机号查找')).toHaveValue('王秀');

	// Signed in again elsewhere, the next change loads as before.
	await signInAgainInNewWindow(clerk, STAFF_A, /\/staff$/);
	await issueWalkIn(colleague);
	await expect(lapsed).toHaveCount(0);
	await expect(clerk.getByLabel('按申请编号、姓名或手机号查找')).toHaveValue('王秀');
	await clerk.context().close();
	await colleague.context().close();
});

test('wrong passwords are answered ever more slowly, then the account locks', async ({ page }) => {
	const username = `lock-${uniqueN()}`;
	addUser(username, 'right-password-1');
	const times: number[] = [];
	for (let i = 0; i < 4; i++) {
		const t0 = Date.now();
		await signIn(page, { username, password: `wrong-${i}` });
		await expect(page.getByRole('alert')).toHaveText('用户名或密码不对');
		times.push(Date.now() - t0);
	}
	// Deliberate delays of 0.25, 0.5, 1 and 2 s: the fourth answer comes no sooner than its delay.
	expect(times[3]).toBeGreaterThanOrEqual(2000);
	await signIn(page, { username, password: 'wrong-4' });
	await expect(page.getByRole('alert')).toContainText('账号已锁定');
	// While locked, even the right password is refused.
	await signIn(page, { username, password: 'right-password-1' });
	await expect(page.getByRole('alert')).toContainText('账号已锁定');
	await expect(page).toHaveURL(/\/staff\/login/);
});

test('scanning the receipt’s QR code checks the application in and issues a ticket', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '扫码签到');
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const png = await page.getByRole('img', { name: /申请二维码/ }).screenshot();

	const counter = await counterPage(browser, baseURL!);
	await checkInFromPicture(counter, png);
	expect(serverApplications(reference)[0]!.checked_in_at).not.toBeNull();
	await counter.context().close();

	// The phone learns of it: the step shows, and cancelling or moving is no longer offered.
	await page.reload();
	await expect(page.getByText(/^已到窗口签到，号码 [A-Z]\d{3}：请留意大厅叫号屏$/)).toBeVisible({
		timeout: 20_000
	});
	await expect(page.getByRole('button', { name: '取消申请' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: '改约其他时间' })).toHaveCount(0);
});

test('a QR check-in of an application that never synced, then the phone syncs: one application', async ({
	page,
	context,
	browser,
	baseURL,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN(), '离线取号');
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const code = await readQr(page.getByRole('img', { name: /申请二维码/ }));
	expect(serverApplications(reference)).toHaveLength(0);

	const counter = await counterPage(browser, baseURL!);
	await counter.goto('/staff/check-in');
	await counter.getByLabel('二维码内容或申请编号').fill(code);
	await counter.getByRole('button', { name: '签到并取号' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已从二维码录入' })).toBeVisible();
	const [taken] = serverApplications(reference);
	expect(taken!.checked_in_at).not.toBeNull();

	await context.setOffline(false);
	await expect(page.getByTestId('outbox-count')).toBeHidden({ timeout: 30_000 });
	const rows = serverApplications(reference);
	expect(rows).toHaveLength(1);
	// The phone's sync was answered `duplicate` and the application is now the phone's.
	expect(rows[0]!.device_id).not.toBe(taken!.device_id);
	expect(rows[0]!.op_device).toBe(rows[0]!.device_id);
	await counter.context().close();
});

test('calling the next ticket shows on the hall display', async ({ browser, baseURL }) => {
	const counter = await counterPage(browser, baseURL!);
	const display = await (await browser.newContext({ baseURL })).newPage();
	await display.goto('/display/chengxiang-centre');
	await expect(display.getByText('实时')).toBeVisible();

	// Clear whatever earlier tests left waiting, then issue one walk-in ticket and call it.
	await counter.goto('/staff/queue');
	while (!(await counter.getByRole('status').filter({ hasText: '暂无等候' }).isVisible())) {
		await counter.getByRole('button', { name: '叫下一位' }).click();
		await counter.waitForLoadState('networkidle');
	}
	await counter.goto('/staff');
	// A category the catalogue no longer has (the page was open while it changed) is asked to be
	// chosen from the list.
	const gone = await counter.request.post('/staff?/walkIn', {
		form: { category: 'no-such-category' },
		headers: { origin: new URL(baseURL!).origin, 'x-sveltekit-action': 'true' }
	});
	expect(await gone.text()).toContain('请从列表中选择“业务类别”');
	await counter.getByLabel('业务类别').selectOption('welfare');
	await counter.getByRole('button', { name: '取号' }).press('Enter');
	// The number to give the person is where the keyboard is.
	await expect(counter.getByRole('status').filter({ hasText: '号码' })).toBeFocused();
	const issued = await counter.getByRole('status').filter({ hasText: '号码' }).textContent();
	const ticket = /B\d{3}/.exec(issued!)![0];

	await counter.goto('/staff/queue');
	await counter.getByRole('button', { name: '叫下一位' }).click();
	await expect(counter.getByText(`正在办理：${ticket}`)).toBeVisible();
	await expect(display.getByTestId('current-call')).toHaveText(ticket, { timeout: 1_500 });

	// A transfer to the counter the ticket is called at (no form offers it) is refused, naming it,
	// and the ticket stays called here.
	const ticketId = await counter
		.locator('form[action="?/transfer"] input[name="ticket"]')
		.inputValue();
	const same = await counter.request.post('/staff/queue?/transfer', {
		form: { ticket: ticketId, to: '1' },
		headers: { origin: new URL(baseURL!).origin, 'x-sveltekit-action': 'true' }
	});
	const answer = await same.text();
	expect(answer).toContain('"status":400');
	expect(answer).toContain('这个号已在1号窗口');
	await counter.reload();
	await expect(counter.getByText(`正在办理：${ticket}`)).toBeVisible();
	await counter.context().close();
	await display.context().close();
});

test('the hall display fits a 1280 × 720 screen with its list of calls full, in English', async ({
	browser,
	baseURL
}) => {
	const counter = await counterPage(browser, baseURL!);
	const headers = { origin: new URL(baseURL!).origin, 'x-sveltekit-action': 'true' };
	for (let i = 0; i < 9; i++) {
		await counter.request.post('/staff?/walkIn', { form: { category: 'welfare' }, headers });
		await counter.request.post('/staff/queue?/next', { form: {}, headers });
	}
	await counter.context().close();
	const hall = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
	await hall.addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	const display = await hall.newPage();
	await display.goto('/display/chengxiang-centre');
	await expect(display.getByText('Live')).toBeVisible();
	await expect(display.getByRole('list').getByRole('listitem')).toHaveCount(7);
	// A hall's screen shows no scroll bar: everything within its height, the waiting count too.
	expect(await display.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
		720
	);
	await expect(display.getByText(/waiting/)).toBeInViewport({ ratio: 1 });
	await hall.close();
});

test('accept, ask for materials and complete: each reaches the resident’s phone', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '办理流程');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const receipt = page.url();
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await counter.getByRole('button', { name: '受理', exact: true }).click();
	await expect(counter.getByText('已保存')).toBeVisible();
	await page.goto(receipt);
	await expect(page.getByText('已受理', { exact: true })).toBeVisible({ timeout: 20_000 });

	await counter.getByLabel('说明').fill('请补充经营场所证明');
	await materialMark(counter, '经营者身份证', '缺少').check();
	await counter.getByRole('button', { name: '要求补充材料' }).click();
	await expect(counter.getByText('已保存')).toBeVisible();
	await expect(
		counter.getByRole('region', { name: '办理记录' }).getByText('需补充：经营者身份证')
	).toBeVisible();
	await page.goto(receipt);
	await expect(page.getByText('需补充材料', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('请补充经营场所证明')).toBeVisible();

	// The identity card is still marked missing: completing is refused, naming it.
	await counter.getByRole('button', { name: '办结' }).click();
	await expect(counter.getByRole('alert')).toContainText(
		'还有材料标为“缺少”：经营者身份证。材料不齐不能办结'
	);
	await materialMark(counter, '经营者身份证', '已收到').check();
	await counter.getByRole('button', { name: '办结' }).click();
	await expect(counter.getByText('已保存')).toBeVisible();
	// Closed, the checklist still says what the counter received.
	await expect(
		materialRow(counter, '经营者身份证').getByText('已收到', { exact: true })
	).toBeVisible();
	// Printed now, the counter's receipt asks for nothing more: no code to check in, nothing to bring.
	await counter.goto(`/staff/applications/${id}/receipt`);
	await expect(counter.getByTestId('reference')).toHaveText(reference);
	await expect(counter.getByRole('heading', { name: '请带齐以下材料' })).toHaveCount(0);
	await expect(counter.getByRole('img', { name: /申请二维码/ })).toHaveCount(0);
	await page.goto(receipt);
	await expect(page.getByText('已办结', { exact: true })).toBeVisible({ timeout: 20_000 });
	// The visit is over: no booked time is shown, even one still ahead.
	await expect(page.getByText('预约时间', { exact: true })).toHaveCount(0);
	await counter.context().close();
});

test('HTML typed into a field shows as text to staff, and is no name', async ({
	page,
	browser,
	baseURL
}) => {
	const html = '<img src=x onerror="window.__xss=1">';
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), 'HTML测试', () =>
		page.getByLabel('店铺名称（字号）').fill(html)
	);
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();

	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff?q=${encodeURIComponent(reference)}`);
	await counter.getByRole('link', { name: reference }).first().click();
	await expect(counter.getByText(html).first()).toBeVisible();
	expect(await counter.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
	await counter.context().close();

	// As a name it is refused, saying why, and shows as text where it was typed.
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	await page.getByLabel('申请人姓名').fill(html);
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(
		page.getByRole('link', { name: '“申请人姓名”只能填写姓名的文字，不能有表情或符号' })
	).toBeVisible();
	expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
});

test('staff choose English on the sign-in page, before signing in', async ({ page }) => {
	await page.goto('/staff/login');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff sign-in');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员登录');
});

test('a city administrator at a tablet reads the whole name of the centre shown, in English too', async ({
	browser,
	baseURL
}) => {
	const admin = await counterPage(browser, baseURL!, ADMIN);
	await admin.setViewportSize({ width: 768, height: 1024 });
	await admin.context().addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	await admin.goto('/staff');
	const centre = admin.getByLabel('Service centre');
	await expect(centre).toHaveValue(/.+/);
	const room = await centre.evaluate((select: HTMLSelectElement) => {
		const style = getComputedStyle(select);
		const text = document.createElement('span');
		text.style.font = style.font;
		text.style.whiteSpace = 'nowrap';
		text.textContent = select.selectedOptions[0]!.text;
		document.body.append(text);
		// Beside the text: the arrow that opens the list.
		const needed = text.getBoundingClientRect().width + 16;
		text.remove();
		const inside =
			select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
		return { needed, inside };
	});
	expect(room.needed, 'the chosen centre’s name is cut off').toBeLessThanOrEqual(room.inside);

	// A centre picked but not shown does not stay picked once the page moves on.
	const shown = await centre.inputValue();
	const values = await centre
		.locator('option')
		.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	await centre.selectOption(values.find((v) => v !== shown)!);
	await admin.getByLabel('Find by reference, name or phone').fill('Wang');
	await admin.getByRole('button', { name: 'Search', exact: true }).click();
	await expect(admin).toHaveURL(/q=Wang/);
	await expect(centre).toHaveValue(shown);
	await admin.context().close();
});

test('the workspace header keeps its rows in order on a tablet and a desktop, in Chinese and English', async ({
	browser,
	baseURL
}) => {
	for (const who of [STAFF_A, ADMIN]) {
		const page = await counterPage(browser, baseURL!, who);
		for (const locale of ['zh', 'en']) {
			await page.context().addCookies([{ name: 'ow_locale', value: locale, url: baseURL! }]);
			for (const width of [768, 1024, 1280]) {
				await page.setViewportSize({ width, height: 900 });
				await page.goto('/staff');
				const header = page.getByRole('banner');
				const nav = header.getByRole('navigation');
				const middle = async (box: ReturnType<typeof header.locator>) => {
					const b = (await box.boundingBox())!;
					return b.y + b.height / 2;
				};
				const where = `${who.username}, ${locale}, ${width} px`;
				// Who is signed in, the language and signing out stay together, beside the name of the app.
				const signOut = await middle(header.getByRole('button', { name: /退出登录|Sign out/ }));
				const language = await middle(header.getByRole('button', { name: /English|中文/ }));
				const brand = await middle(header.getByText(/窗口工作台|Counter workspace/));
				expect(Math.abs(signOut - language), `${where}: sign-out beside the language`).toBeLessThan(
					4
				);
				expect(Math.abs(signOut - brand), `${where}: sign-out beside the app's name`).toBeLessThan(
					4
				);
				// The pages of the workspace read as one row of chips.
				const chips = await nav
					.getByRole('link')
					.evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
				expect(new Set(chips).size, `${where}: the chips on one row`).toBe(1);
				const room = await header.boundingBox();
				expect(room!.height, `${where}: two rows at most`).toBeLessThanOrEqual(130);
			}
		}
		await page.context().close();
	}
});
