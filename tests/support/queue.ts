import { expect, type Browser, type Page } from '@playwright/test';
import { signIn, STAFF_A } from './staff';

/** A clerk's browser, signed in, with its own screen size and time zone. */
export async function clerkPage(
	browser: Browser,
	baseURL: string,
	options: { timezoneId?: string; viewport?: { width: number; height: number } } = {},
	who = STAFF_A
): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: options.timezoneId ?? 'Asia/Shanghai',
		viewport: options.viewport ?? { width: 1280, height: 720 }
	});
	const page = await context.newPage();
	await signIn(page, who);
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
	return page;
}

/** Opens a page and waits until the app has taken it over (its keys and live figures work then). */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** `HH:mm` in Beijing of an instant, worked out here rather than by the app. */
export function beijingClock(at: number): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Shanghai',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
}

/** `M月D日 HH:mm` in Beijing of an instant, as the counter pages write a date and time. */
export function beijingDateTime(at: number): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Asia/Shanghai',
			month: 'numeric',
			day: 'numeric'
		})
			.formatToParts(at)
			.map((p) => [p.type, p.value])
	);
	return `${Number(parts.month)}月${Number(parts.day)}日 ${beijingClock(at)}`;
}

/** Checks an application in by its reference on the check-in page; answers the ticket's code. */
export async function checkInByReference(page: Page, reference: string): Promise<string> {
	await open(page, '/staff/check-in');
	await page.getByLabel('二维码内容或申请编号').fill(reference);
	await page.getByRole('button', { name: '签到并取号' }).click();
	const issued = page.getByRole('status').filter({ hasText: '号码：' });
	await expect(issued).toBeVisible();
	return /[A-Z]\d{3}/.exec((await issued.textContent())!)![0];
}

/** Issues a walk-in ticket on the today page and answers its code. */
export async function issueWalkIn(page: Page, category = 'welfare'): Promise<string> {
	await open(page, '/staff');
	await page.getByLabel('业务类别').selectOption(category);
	await page.getByRole('button', { name: '取号' }).click();
	const issued = page.getByRole('status').filter({ hasText: '号码：' });
	await expect(issued).toBeVisible();
	return /[A-Z]\d{3}/.exec((await issued.textContent())!)![0];
}

/** Chooses the counter the page's browser serves at, on the queue page. */
export async function useCounter(page: Page, n: number): Promise<void> {
	await open(page, '/staff/queue');
	await page.getByLabel('窗口', { exact: true }).selectOption(String(n));
	await page.getByRole('button', { name: '使用此窗口' }).click();
	await expect(page.getByRole('heading', { level: 2, name: `${n}号窗口` }).first()).toBeVisible();
}

/** One of the day's figures: `group` is the counter's (`N号窗口`) or the centre's (`全中心`). */
export function figure(page: Page, group: 'counter' | 'centre', label: string) {
	return page
		.getByTestId(`${group}-figures`)
		.locator('div', { has: page.getByText(label, { exact: true }) })
		.locator('dd');
}

/** Calls tickets at the page's counter until nobody waits, so a test's own ticket is next. */
export async function emptyQueue(page: Page): Promise<void> {
	await open(page, '/staff/queue');
	const waiting = page.getByRole('heading', { name: /^等候中（\d+）$/ });
	for (;;) {
		const count = Number(/（(\d+)）/.exec((await waiting.textContent())!)![1]);
		if (count === 0) break;
		await page.getByRole('button', { name: /叫下一位/ }).click();
		await expect(waiting).not.toHaveText(`等候中（${count}）`);
	}
}
