import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';
import { applyFromSlots, SLOTS_PAGE, serverApplications, uniqueN } from './support/apply';
import { e2eDatabase } from './support/db';
import { ADMIN, STAFF_A, counterPage, signIn, signInAgainInNewWindow } from './support/staff';
import { smallTargets } from './support/targets';

const TOWN_ADMIN = { username: 'townadmin-tuanwang', password: 'demo-admin-2026' };

/** A browser of its own (no cookies shared with any other), signed in as `who`. */
async function freshSignIn(browser: Browser, baseURL: string, who: typeof ADMIN): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1280, height: 800 }
	});
	const page = await context.newPage();
	await signIn(page, who);
	await expect(page).not.toHaveURL(/\/staff\/login/);
	return page;
}

const accountIdOf = (username: string) => {
	const db = e2eDatabase();
	try {
		return (db.prepare('select id from users where username = ?').get(username) as { id: string })
			.id;
	} finally {
		db.close();
	}
};

test('an admin adds a staff account, shown its password once, then disables it and resets its password', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const admin = await counterPage(browser, baseURL!, ADMIN);
	// Administrators start in the admin area, with the counter one link away.
	await expect(admin).toHaveURL(/\/admin$/);
	await expect(admin.getByRole('heading', { level: 1, name: '管理后台' })).toBeVisible();
	const nav = admin.getByRole('navigation', { name: '主导航' });
	await expect(nav.getByRole('link', { name: '窗口工作台' })).toHaveAttribute('href', '/staff');
	await expect(nav.getByRole('link', { name: '节假日' })).toBeVisible();

	await nav.getByRole('link', { name: '账号' }).click();
	await admin.getByRole('link', { name: '添加账号' }).click();
	// The list's filter (“用户名或姓名”) must not take what is typed for the new account.
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('添加账号');
	const username = `clerk-${uniqueN()}`;
	// Sent empty, every field missing is named at once, and the keyboard is taken to the list.
	await admin.getByRole('button', { name: '添加', exact: true }).press('Enter');
	const summary = admin.getByRole('alert');
	await expect(summary).toContainText('请填写“用户名”');
	await expect(summary).toContainText('请从列表中选择“服务点”');
	await expect(summary).toBeFocused();
	// A bad name and a short password are both named, each at its field, and what was typed stays.
	await admin.getByLabel('用户名', { exact: true }).fill('a b');
	await admin.getByLabel('姓名').fill('测试员');
	await admin.getByLabel('服务点').selectOption('chengxiang-centre');
	await admin.getByLabel('密码', { exact: true }).fill('short');
	await admin.getByRole('button', { name: '添加', exact: true }).click();
	await expect(admin.getByRole('alert')).toContainText('“用户名”须为 3–50 个字母');
	await expect(admin.getByRole('alert')).toContainText('“密码”至少要 8 个字符');
	await expect(admin.getByLabel('姓名')).toHaveValue('测试员');
	await expect(admin.getByLabel('服务点')).toHaveValue('chengxiang-centre');

	// Long enough but guessed in a few tries: named at its field.
	await admin.getByLabel('用户名', { exact: true }).fill(username);
	await admin.getByLabel('密码', { exact: true }).fill('password');
	await admin.getByRole('button', { name: '添加', exact: true }).click();
	await expect(admin.getByRole('alert')).toContainText('“密码”太容易被猜中');
	await expect(admin.getByLabel('密码', { exact: true })).toHaveAccessibleDescription(
		/太容易被猜中/
	);

	await admin.getByLabel('用户名', { exact: true }).fill(username);
	// Left empty, a password is made for the account.
	await admin.getByLabel('密码', { exact: true }).fill('');
	await admin.getByRole('button', { name: '添加', exact: true }).click();
	await expect(admin.getByRole('status').filter({ hasText: '已添加账号' })).toContainText(username);
	await expect(admin.getByRole('status').filter({ hasText: '已添加账号' })).toBeFocused();
	const password = (await admin.getByTestId('new-password').textContent())!.trim();
	expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
	// Shown once: not on the page again.
	await admin.reload();
	await expect(admin.getByTestId('new-password')).toHaveCount(0);

	const clerk = await freshSignIn(browser, baseURL!, { username, password });
	await expect(clerk).toHaveURL(/\/staff$/);
	await expect(clerk.getByRole('link', { name: '叫号' })).toBeVisible();

	await admin.goto(`/admin/accounts?q=${username}`);
	await admin.getByRole('link', { name: username }).click();
	// A click too many does nothing yet: the page asks first, and a no leaves the account as it was.
	await admin.getByRole('button', { name: '停用账号' }).click();
	const asked = admin.getByRole('alert').filter({ hasText: '确定停用' });
	await expect(asked).toContainText(`确定停用账号 ${username} 吗？`);
	// Given from the keyboard, the no leaves the keyboard at the button that asked, not at the top.
	await admin.getByRole('link', { name: '不停用' }).focus();
	await admin.keyboard.press('Enter');
	await expect(asked).toHaveCount(0);
	await expect(admin.getByRole('button', { name: '停用账号' })).toBeFocused();
	await expect(admin.getByTestId('account-status')).toHaveText('正常');
	await admin.getByRole('button', { name: '停用账号' }).click();
	await admin.getByRole('button', { name: '确定停用' }).click();
	await expect(admin.getByRole('status')).toContainText('已停用');
	await expect(admin.getByTestId('account-status')).toHaveText('已停用');
	// The open session has ended: the next page asks to sign in, and signing in is refused.
	await clerk.goto('/staff');
	await expect(clerk).toHaveURL(/\/staff\/login/);
	await signIn(clerk, { username, password });
	await expect(clerk.getByRole('alert')).toContainText('用户名或密码不对');

	await admin.getByRole('button', { name: '重新启用' }).click();
	await expect(admin.getByRole('status')).toContainText('已重新启用');
	await admin.getByRole('button', { name: '重置密码' }).click();
	await expect(admin.getByRole('alert').filter({ hasText: '确定重置' })).toContainText(
		`确定重置 ${username} 的密码吗？`
	);
	await admin.getByRole('button', { name: '确定重置密码' }).click();
	await expect(admin.getByRole('status')).toContainText('已重置密码');
	const fresh = (await admin.getByTestId('new-password').textContent())!.trim();
	expect(fresh).not.toBe(password);
	await signIn(clerk, { username, password: fresh });
	await expect(clerk).toHaveURL(/\/staff$/);

	// Each change is in the log, in words.
	await admin.goto(`/admin/audit?person=admin`);
	for (const action of ['添加账号', '停用账号', '启用账号', '重置密码']) {
		await expect(
			admin
				.getByRole('row')
				.filter({ hasText: action })
				.filter({ hasText: `账号 ${username}` })
		).toHaveCount(1);
	}
	await clerk.context().close();
	await admin.context().close();
});

test('a town administrator sees and manages only the town’s accounts', async ({
	browser,
	baseURL
}) => {
	const town = await freshSignIn(browser, baseURL!, TOWN_ADMIN);
	await expect(town).toHaveURL(/\/admin$/);
	const nav = town.getByRole('navigation', { name: '主导航' });
	await expect(nav.getByRole('link', { name: '账号' })).toBeVisible();
	await expect(nav.getByRole('link', { name: '节假日' })).toHaveCount(0);
	await expect(nav.getByRole('link', { name: '窗口工作台' })).toHaveCount(0);

	await nav.getByRole('link', { name: '账号' }).click();
	await expect(town.getByRole('link', { name: 'agent-tuanwang' })).toBeVisible();
	await expect(town.getByRole('link', { name: STAFF_A.username })).toHaveCount(0);
	await expect(town.getByRole('link', { name: 'admin', exact: true })).toHaveCount(0);
	const points = await town.getByLabel('服务点').locator('option').allTextContents();
	expect(points.some((p) => p.includes('团旺'))).toBe(true);
	expect(points.some((p) => p.includes('城厢'))).toBe(false);

	// Another town's account is not there, to look at or to change.
	const other = accountIdOf(STAFF_A.username);
	expect((await town.request.get(`/admin/accounts/${other}`)).status()).toBe(404);
	const disable = await town.request.post(`/admin/accounts/${other}?/disable`, {
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' },
		form: { confirm: '1' }
	});
	expect(await disable.text()).not.toContain('"type":"success"');
	const signedIn = await freshSignIn(browser, baseURL!, STAFF_A);
	await expect(signedIn).toHaveURL(/\/staff$/);
	await signedIn.context().close();

	await town.goto('/admin/accounts/new');
	const roles = await town.getByLabel('角色').locator('option').allTextContents();
	expect(roles).not.toContain('市级管理员');
	expect((await town.request.get('/admin/calendar')).status()).toBe(403);

	await town.goto('/admin/audit');
	const centres = await town.getByLabel('服务中心（含本镇街各服务点）').locator('option').all();
	expect(await Promise.all(centres.map((o) => o.textContent()))).toEqual([
		'全部',
		'团旺镇便民服务中心'
	]);

	// A town administrator signs out as anyone else does, and the session is over; the address
	// opened as a page signs nobody out, and leads back to the town's pages.
	await town.goto('/staff/logout');
	await expect(town).toHaveURL(/\/admin$/);
	await town.getByRole('button', { name: '退出登录' }).click();
	await expect(town.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
	await town.goto('/admin');
	await expect(town).toHaveURL(/\/staff\/login/);
	await town.context().close();
});

test('a page of another role’s area says so in the reader’s language, with the way to their own pages', async ({
	browser,
	baseURL
}) => {
	const refused = async (page: Page, path: string, heading: string, home: string, href: string) => {
		expect((await page.goto(path))?.status()).toBe(403);
		const title = page.getByRole('heading', { level: 1, name: heading });
		await expect(title).toBeVisible();
		// Set in from the edge of the screen, as every page is.
		expect((await title.boundingBox())!.x).toBeGreaterThanOrEqual(12);
		await page.getByRole('main').getByRole('link', { name: home, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${href}$`));
	};
	const clerk = await freshSignIn(browser, baseURL!, STAFF_A);
	await refused(clerk, '/admin/audit', '没有权限打开这个页面', '窗口工作台', '/staff');
	// Through the service worker too, which sends the page's request on itself.
	await clerk.waitForFunction(() => !!navigator.serviceWorker.controller);
	await clerk.context().addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	await refused(clerk, '/admin', 'You cannot open this page', 'Counter workspace', '/staff');

	// A program asking for the page is answered in a word, as plain text.
	const asked = await clerk.request.get('/admin/audit');
	expect(asked.status()).toBe(403);
	expect(asked.headers()['content-type']).toMatch(/^text\/plain/);

	const town = await freshSignIn(browser, baseURL!, TOWN_ADMIN);
	await refused(town, '/staff/queue', '没有权限打开这个页面', '管理后台', '/admin');
	// Within the area, a page of the city's: the area's own error page, its menu kept.
	await refused(town, '/admin/calendar', '没有权限打开这个页面', '概览', '/admin');
	for (const p of [clerk, town]) await p.context().close();
});

test('a form sent after the session lapsed keeps what was typed; signed in again in a new window, it is sent again', async ({
	browser,
	baseURL
}) => {
	const admin = await freshSignIn(browser, baseURL!, ADMIN);
	await admin.goto('/admin/accounts/new');
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const username = `lapse-${uniqueN()}`;
	await admin.getByLabel('用户名', { exact: true }).fill(username);
	await admin.getByLabel('姓名').fill('过期测试员');
	await admin.getByLabel('服务点').selectOption('chengxiang-centre');
	await admin.getByLabel('密码', { exact: true }).fill('lapse-password-1');
	// The session ends meanwhile (it ran out, or was ended on another computer).
	await admin.context().clearCookies({ name: 'ow_session' });
	await admin.getByRole('button', { name: '添加', exact: true }).click();

	const lapsed = admin.getByRole('alert').filter({ hasText: '登录已失效' });
	await expect(lapsed).toBeVisible();
	await expect(admin.getByLabel('用户名', { exact: true })).toHaveValue(username);
	await expect(admin.getByLabel('姓名')).toHaveValue('过期测试员');
	await signInAgainInNewWindow(admin, ADMIN, /\/admin$/);

	await admin.getByRole('button', { name: '添加', exact: true }).click();
	await expect(admin.getByText(username).first()).toBeVisible();
	await expect(lapsed).toHaveCount(0);
	expect(accountIdOf(username)).toBeTruthy();
	await admin.context().close();
});

test('the audit log reads in words, links the person and the application, filters, and exports what it shows', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '日志可读');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	// A clerk opens the record: the log has it.
	const clerk = await freshSignIn(browser, baseURL!, STAFF_A);
	await clerk.goto(`/staff/applications/${id}`);
	await expect(clerk.getByText(reference).first()).toBeVisible();
	await clerk.context().close();

	const admin = await counterPage(browser, baseURL!, ADMIN);
	await admin.goto('/admin/audit');
	// The person as the administrator knows them: by name.
	await admin.getByLabel('操作人（用户名或姓名）').fill('李明');
	await admin.getByLabel('操作', { exact: true }).selectOption({ label: '查看申请' });
	await admin.getByRole('button', { name: '筛选' }).click();
	await expect(admin).toHaveURL(/person=%E6%9D%8E%E6%98%8E/);
	const rows = admin.locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	for (const row of await rows.all()) {
		await expect(row).toContainText('查看申请');
		await expect(row).toContainText(STAFF_A.username);
	}
	const row = rows.filter({ hasText: reference });
	await expect(row).toHaveCount(1);
	await expect(row.getByRole('link', { name: /李明/ })).toHaveAttribute(
		'href',
		`/admin/accounts/${accountIdOf(STAFF_A.username)}`
	);
	await expect(row.getByRole('cell').nth(3)).toHaveText('城厢街道便民服务中心');
	const shown = await rows.count();

	await expect(admin.getByText('导出当前筛选出的全部记录（最多 50,000 条）。')).toBeVisible();
	const [download] = await Promise.all([
		admin.waitForEvent('download'),
		admin.getByRole('link', { name: '导出 CSV' }).click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
	const lines = csv.trimEnd().split('\r\n');
	expect(lines[0]).toBe('时间,操作人,姓名,操作,服务点,申请,详情');
	expect(lines.slice(1)).toHaveLength(shown);
	for (const line of lines.slice(1))
		expect(line).toMatch(/^[\d-]+ [\d:]+,staff-chengxiang,.*,查看申请,/);
	expect(csv).toContain(reference);

	// Dates the wrong way round find nothing, and the page says why.
	await admin.getByLabel('起始日期').fill('2026-12-05');
	await admin.getByLabel('截止日期').fill('2026-12-01');
	await admin.getByRole('button', { name: '筛选' }).click();
	await expect(admin.getByText('“截止日期”不能早于“起始日期”').first()).toBeVisible();
	// The list of what to fix takes the focus, as a form's does.
	await expect(admin.locator('.error-summary')).toBeFocused();
	await expect(admin.getByLabel('截止日期')).toHaveAttribute('aria-invalid', 'true');
	await expect(admin.getByRole('link', { name: '导出 CSV' })).toHaveCount(0);
	await admin.goBack();

	await row.getByRole('link', { name: reference }).click();
	await expect(admin).toHaveURL(new RegExp(`/staff/applications/${id}$`));
	await admin.context().close();
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 360, height: 640 } });

	test('the opened menu fits the screen and keeps the text colour and weight of the page', async ({
		page
	}) => {
		await signIn(page, ADMIN);
		await expect(page).toHaveURL(/\/admin$/);
		await page.getByRole('button', { name: '菜单' }).click();
		await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
		const look = await page.evaluate(() => {
			const panel = document.getElementById('admin-nav')!;
			const style = getComputedStyle(panel);
			return {
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth,
				color: style.color,
				weight: style.fontWeight,
				header: getComputedStyle(panel.parentElement!).color
			};
		});
		expect(look.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(look.client);
		expect(look.color).toBe(look.header);
		expect(look.weight).toBe('400');
	});

	test('in English and large text the bar keeps its menu button whole and on the screen', async ({
		page,
		context,
		baseURL
	}) => {
		await signIn(page, ADMIN);
		await expect(page).toHaveURL(/\/admin$/);
		await context.addCookies([
			{ name: 'ow_locale', value: 'en', url: baseURL! },
			{ name: 'ow_elder', value: '1', url: baseURL! }
		]);
		for (const path of ['/admin', '/admin/calendar', '/admin/figures']) {
			await page.goto(path);
			const menu = page.getByRole('button', { name: 'Menu' });
			const box = (await menu.boundingBox())!;
			const lineHeight = await menu.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
			expect(box.x + box.width, `${path}: the button runs off the screen`).toBeLessThanOrEqual(360);
			expect(box.height, `${path}: the word breaks over lines`).toBeLessThan(2 * lineHeight + 24);
			const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(360);
		}
	});

	test('the audit log reads as one card an entry, each value whole and on the screen', async ({
		page
	}) => {
		await signIn(page, ADMIN);
		await expect(page).toHaveURL(/\/admin$/);
		await page.goto('/admin/accounts/new');
		const username = `clerk-${uniqueN()}`;
		await page.getByLabel('用户名', { exact: true }).fill(username);
		await page.getByLabel('姓名').fill('卡片员');
		await page.getByLabel('服务点').selectOption('chengxiang-centre');
		await page.getByRole('button', { name: '添加', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: '已添加账号' })).toBeVisible();

		const readable = async (path: string, rowText: string, cellText: string, column: string) => {
			await page.goto(path);
			const row = page.getByRole('row').filter({ hasText: rowText });
			await expect(row).toHaveCount(1);
			const cell = row.getByRole('cell').filter({ hasText: cellText });
			const { height, line } = await cell.evaluate((el) => ({
				height: el.getBoundingClientRect().height,
				line: parseFloat(getComputedStyle(el).lineHeight)
			}));
			expect(height, `${path}: “${cellText}” breaks a character a line`).toBeLessThan(2 * line);
			for (const each of await row.getByRole('cell').all()) {
				const box = (await each.boundingBox())!;
				expect(box.x + box.width, `${path}: a cell runs off the screen`).toBeLessThanOrEqual(360);
			}
			// Each value is named as its column is.
			await expect(cell).toHaveAttribute('data-label', column);
			const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(360);
		};
		await readable('/admin/audit?person=admin', `账号 ${username}`, '添加账号', '操作');
		await readable(`/admin/accounts?q=${username}`, username, '窗口工作人员', '角色');

		// The holiday calendar too: each day one card, its button on one line.
		await page.goto('/admin/calendar');
		const day = page.locator('tbody tr').first();
		for (const cell of await day.locator('td[data-label]').all()) {
			const { height, line, label } = await cell.evaluate((el) => ({
				height: el.getBoundingClientRect().height,
				line: parseFloat(getComputedStyle(el).lineHeight),
				label: el.dataset.label
			}));
			expect(height, `the calendar's “${label}” breaks over lines`).toBeLessThan(2 * line);
		}
		const button = day.getByRole('button', { name: /改为普通日/ });
		const { height, line } = await button.evaluate((el) => ({
			height: el.getBoundingClientRect().height,
			line: parseFloat(getComputedStyle(el).lineHeight)
		}));
		expect(height, 'the calendar’s button breaks over lines').toBeLessThan(2 * line + 16);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
	});

	test('the admin pages fold their menu, fit 360 px and pass axe', async ({ page }) => {
		test.setTimeout(120_000);
		await signIn(page, ADMIN);
		await expect(page).toHaveURL(/\/admin$/);
		const menu = page.getByRole('button', { name: '菜单' });
		const accounts = page.getByRole('navigation', { name: '主导航' }).getByRole('link', {
			name: '账号'
		});
		await expect(accounts).toBeHidden();
		await menu.click();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		await accounts.click();
		await expect(page).toHaveURL(/\/admin\/accounts$/);
		await expect(accounts).toBeHidden();

		const someone = accountIdOf(STAFF_A.username);
		for (const path of [
			'/admin',
			'/admin/accounts',
			'/admin/accounts/new',
			`/admin/accounts/${someone}`,
			'/admin/audit'
		]) {
			await page.goto(path);
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(width.client);
			expect(await smallTargets(page), `${path}: controls under 48 px`).toEqual([]);
			expect(await seriousViolations(page, path)).toEqual([]);
		}
	});
});

test.describe('on a tablet', () => {
	test.use({ viewport: { width: 768, height: 1024 } });

	test('the bar is two rows in either language: the name with who is signed in, then the pages', async ({
		page,
		context,
		baseURL
	}) => {
		await signIn(page, ADMIN);
		await expect(page).toHaveURL(/\/admin$/);
		for (const locale of ['zh', 'en']) {
			await context.addCookies([{ name: 'ow_locale', value: locale, url: baseURL! }]);
			await page.goto('/admin/figures');
			const header = page.getByRole('banner');
			const brand = (await header.getByRole('link').first().boundingBox())!;
			const signOut = (await header.getByRole('button').last().boundingBox())!;
			expect(
				Math.abs(brand.y + brand.height / 2 - (signOut.y + signOut.height / 2)),
				`${locale}: signing out is on the name's row`
			).toBeLessThan(brand.height);
			const pages = await header.getByRole('navigation').getByRole('link').all();
			const tops = new Set<number>();
			for (const link of pages) tops.add(Math.round((await link.boundingBox())!.y));
			expect(tops.size, `${locale}: the pages are one row`).toBe(1);
			expect([...tops][0]!, `${locale}: the pages are below the name`).toBeGreaterThan(brand.y);
		}
	});
});
