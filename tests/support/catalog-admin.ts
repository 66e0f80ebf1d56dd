import { expect, type Browser, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { e2eDatabase } from './db';

/** A town administrator for 古柳 (their centre names the town), added straight to the test database. */
export const TOWN_ADMIN = { username: 'e2e-town-guliu', password: 'town-admin-2026' };

export async function addTownAdmin(): Promise<void> {
	const hash = await hashPassword(TOWN_ADMIN.password);
	const db = e2eDatabase();
	try {
		db.prepare(
			`insert into users (id, username, display_name, role, point_id, password_hash, disabled, created_at)
			 values (?, ?, ?, 'town_admin', 'guliu-centre', ?, 0, ?) on conflict (username) do nothing`
		).run('e2e-town-admin', TOWN_ADMIN.username, '古柳管理员', hash, new Date().toISOString());
	} finally {
		db.close();
	}
}

/** An administrator's desktop browser, signed in and on `path`. */
export async function adminPage(
	browser: Browser,
	baseURL: string,
	who: { username: string; password: string },
	path = '/admin/catalog',
	viewport = { width: 1280, height: 800 }
): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport
	});
	const page = await context.newPage();
	await page.goto(`/staff/login?next=${encodeURIComponent(path)}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('用户名').fill(who.username);
	await page.getByLabel('密码').fill(who.password);
	await page.getByRole('button', { name: '工作人员登录' }).click();
	await page.waitForURL((url) => url.pathname === path);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return page;
}

/** Saves the form on the page into the draft. */
export async function saveDraft(page: Page): Promise<void> {
	await page.getByRole('button', { name: '存入草稿' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已存入草稿' })).toBeVisible();
}

/**
 * Publishes the draft, answering the question asked first (`expected`: what it must say, such as
 * the bookings it takes); returns the new version's number.
 */
export async function publish(page: Page, expected?: RegExp | string): Promise<number> {
	await page.goto('/admin/catalog');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: '发布新版本' }).click();
	const asked = page.getByRole('alert').filter({ hasText: '确定发布吗？' });
	await expect(asked).toContainText(/作为第 \d+ 版生效/);
	if (expected) await expect(asked).toContainText(expected);
	await page.getByRole('button', { name: /^确定发布第 \d+ 版$/ }).click();
	const notice = page.getByRole('status').filter({ hasText: /已发布第 \d+ 版/ });
	await expect(notice).toBeVisible();
	// The keyboard carries on from what was done, not from the top of the next page.
	await expect(notice).toBeFocused();
	return Number(/第 (\d+) 版/.exec((await notice.textContent()) ?? '')![1]);
}

/** Restores a version; returns the new version's number. */
export async function restore(page: Page, version: number): Promise<number> {
	await page.goto('/admin/catalog/versions');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: `恢复第 ${version} 版` }).click();
	// Asked again first: the whole city's catalogue changes.
	await expect(page.getByRole('alert')).toContainText(`全市的办事目录会改回第 ${version} 版的样子`);
	await page.getByRole('button', { name: `确定恢复第 ${version} 版` }).click();
	const notice = page.getByRole('status').filter({ hasText: /已发布第 \d+ 版/ });
	await expect(notice).toBeVisible();
	await expect(notice).toBeFocused();
	return Number(/第 (\d+) 版/.exec((await notice.textContent()) ?? '')![1]);
}

/** Discards the administrator's draft, if there is one, answering the question it asks first. */
export async function discardAnyDraft(page: Page): Promise<void> {
	await page.goto('/admin/catalog');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const discard = page.getByRole('button', { name: '放弃草稿' });
	if (!(await discard.isVisible())) return;
	await discard.click();
	await expect(page.getByRole('alert')).toContainText('不能恢复');
	await page.getByRole('button', { name: '确定放弃全部修改' }).click();
	await expect(page.getByText('没有未发布的修改')).toBeVisible();
}
