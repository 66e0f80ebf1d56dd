import { test as base, expect, type Page } from '@playwright/test';

/** Waits until the service worker controls the page and the catalogue is saved on the device. */
async function readyOffline(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
	await expect(page.getByTestId('catalog-ready')).toBeVisible();
}

export const test = base.extend<{ readyOffline: (page: Page) => Promise<void> }>({
	// Every navigation waits until the app has taken over the page, as a reader's first tap would.
	page: async ({ page }, use) => {
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
		await use(page);
	},
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
	readyOffline: async ({}, use) => use(readyOffline)
});

export { expect };
