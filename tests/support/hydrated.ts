import type { Page } from '@playwright/test';

/**
 * Makes every navigation of `page` wait until the app has taken the page over, as a person's first
 * tap would: a click before then reaches a button with no handler yet, and does nothing.
 */
export function waitForAppOnNavigation(page: Page): Page {
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	const hydrated = () => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	page.goto = async (...args) => {
		const response = await goto(...args);
		await hydrated();
		return response;
	};
	page.reload = async (...args) => {
		const response = await reload(...args);
		await hydrated();
		return response;
	};
	return page;
}
