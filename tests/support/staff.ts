import { execFileSync } from 'node:child_process';
import { expect, request, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { waitForAppOnNavigation } from './hydrated';

export const STAFF_A = { username: 'staff-chengxiang', password: 'demo-staff-2026' };
export const STAFF_B = { username: 'staff-guliu', password: 'demo-staff-2026' };
export const ADMIN = { username: 'admin', password: 'demo-admin-2026' };

/** Signs in on the staff sign-in page, as a person at the counter would. */
export async function signIn(
	page: Page,
	who: { username: string; password: string },
	{ counter = 1 }: { counter?: number | null } = {}
) {
	await page.goto('/staff/login');
	// A counter PC has had its counter chosen once (the choice is kept): unless this one has not.
	const url = new URL('/staff', page.url()).href;
	const cookies = await page.context().cookies(url);
	if (counter !== null && !cookies.some((c) => c.name === 'ow_counter'))
		await page.context().addCookies([{ name: 'ow_counter', value: String(counter), url }]);
	// Typing before the page has hydrated could be undone by it, as on a slow counter PC.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('用户名').fill(who.username);
	await page.getByLabel('密码').fill(who.password);
	await page.getByRole('button', { name: '工作人员登录' }).click();
}

/**
 * Follows the page's "在新窗口中重新登录" after a lapsed session: signs `who` in in the window it
 * opens, which lands on `home`, and closes it; the page itself is left as it was.
 */
export async function signInAgainInNewWindow(
	page: Page,
	who: { username: string; password: string },
	home: RegExp
): Promise<void> {
	const opened = page.waitForEvent('popup');
	await page.getByRole('alert').getByRole('link', { name: '在新窗口中重新登录' }).click();
	const again = await opened;
	await again.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await again.getByLabel('用户名').fill(who.username);
	await again.getByLabel('密码').fill(who.password);
	await again.getByRole('button', { name: '工作人员登录' }).click();
	await expect(again).toHaveURL(home);
	await again.close();
}

/** A counter's desktop browser, signed in; `prepare` sees its context before the first page. */
export async function counterPage(
	browser: Browser,
	baseURL: string,
	who = STAFF_A,
	prepare?: (context: BrowserContext) => Promise<void>
) {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1280, height: 800 },
		// A counter's PC works online; its pages would install the residents' offline copy for nothing.
		serviceWorkers: 'block'
	});
	await prepare?.(context);
	const page = waitForAppOnNavigation(await context.newPage());
	await signIn(page, who);
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
	return page;
}

/** Adds an account with the project's own command, on the browser tests' database. */
export function addUser(
	username: string,
	password: string,
	role = 'staff',
	point = 'chengxiang-centre'
) {
	execFileSync(
		'npx',
		[
			'tsx',
			'scripts/user.ts',
			'add',
			'--role',
			role,
			'--point',
			point,
			'--password',
			password,
			username,
			'--database',
			'test-results/e2e-db/e2e.db'
		],
		{ stdio: 'pipe' }
	);
}

/**
 * Moves an application on at the counter through the staff page's own form actions, signed in as
 * centre A's clerk: `accept`, `request_materials`, `complete` or `refuse`.
 */
export async function processAtCounter(
	baseURL: string,
	applicationId: string,
	steps: { action: string; note?: string; materials?: string[] }[]
) {
	const counter = await request.newContext({ baseURL });
	try {
		const headers = { origin: baseURL, 'x-sveltekit-action': 'true' };
		const login = await counter.post('/staff/login', { form: STAFF_A, headers });
		expect(login.ok()).toBe(true);
		for (const step of steps) {
			const form = new URLSearchParams({ note: step.note ?? '' });
			for (const mid of step.materials ?? []) form.append('materials', mid);
			const done = await counter.post(`/staff/applications/${applicationId}?/${step.action}`, {
				headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
				data: form.toString()
			});
			expect(await done.text()).toContain('"type":"success"');
		}
	} finally {
		await counter.dispose();
	}
}

/** On the counter's record: the row of the checklist for one material. */
export function materialRow(counter: Page, material: string) {
	return counter
		.getByRole('region', { name: '申请材料' })
		.getByRole('listitem')
		.filter({ hasText: material });
}

/** On the counter's record: one material's 已收到 or 缺少 mark in the checklist. */
export function materialMark(counter: Page, material: string, state: '已收到' | '缺少') {
	return counter.getByRole('radiogroup', { name: material }).getByRole('radio', { name: state });
}

/** At the check-in page: reads a receipt's QR code from a picture; the ticket is issued. */
export async function checkInFromPicture(counter: Page, png: Buffer): Promise<void> {
	await counter.goto('/staff/check-in');
	await counter.getByLabel('从图片识别').setInputFiles({
		name: 'receipt.png',
		mimeType: 'image/png',
		buffer: png
	});
	await expect(counter.getByRole('status').filter({ hasText: '已签到' })).toContainText(
		/号码：A\d{3}/
	);
}
