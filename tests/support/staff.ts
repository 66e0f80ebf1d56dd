import { execFileSync } from 'node:child_process';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const STAFF_A = { username: 'staff-chengxiang', password: 'demo-staff-2026' };
export const STAFF_B = { username: 'staff-guliu', password: 'demo-staff-2026' };
export const ADMIN = { username: 'admin', password: 'demo-admin-2026' };

/** Signs in on the staff sign-in page, as a person at the counter would. */
export async function signIn(page: Page, who: { username: string; password: string }) {
	await page.goto('/staff/login');
	// Typing before the page has hydrated could be undone by it, as on a slow counter PC.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('用户名').fill(who.username);
	await page.getByLabel('密码').fill(who.password);
	await page.getByRole('button', { name: '工作人员登录' }).click();
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
		viewport: { width: 1280, height: 800 }
	});
	await prepare?.(context);
	const page = await context.newPage();
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
