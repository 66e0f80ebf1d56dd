import { test as base, expect, type Page } from '@playwright/test';
import { waitForAppOnNavigation } from './support/hydrated';

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
	page: async ({ page }, use) => use(waitForAppOnNavigation(page)),
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
	readyOffline: async ({}, use) => use(readyOffline)
});

export { expect };
