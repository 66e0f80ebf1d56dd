import { test as base, expect, type Page } from '@playwright/test';
import { waitForAppOnNavigation } from './support/hydrated';

/** Waits until the service worker controls the page and the catalogue is saved on the device. */
async function readyOffline(page: Page): Promise<void> {
	// Bounded, so that a worker that never comes says where it stopped rather than use up the test.
	const state = await page.evaluate(async () => {
		const controlled = (async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((resolve) =>
					navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
				);
			}
		})();
		const late = new Promise((resolve) => setTimeout(() => resolve('late'), 30_000));
		if ((await Promise.race([controlled, late])) !== 'late') return null;
		const registration = await navigator.serviceWorker.getRegistration();
		return JSON.stringify({
			registered: !!registration,
			installing: registration?.installing?.state,
			waiting: registration?.waiting?.state,
			active: registration?.active?.state,
			controlled: !!navigator.serviceWorker.controller
		});
	});
	expect(state, 'the service worker took the page over within 30 s').toBeNull();
	await expect(page.getByTestId('catalog-ready')).toBeVisible();
}

export const test = base.extend<{ readyOffline: (page: Page) => Promise<void> }>({
	page: async ({ page, context }, use, testInfo) => {
		// What the page said when a test fails: a failure seen once in CI leaves its cause to read.
		const said: string[] = [];
		const note = (line: string) => said.push(`${new Date().toISOString()} ${line}`);
		page.on('console', (msg) => {
			if (msg.type() === 'error' || msg.type() === 'warning')
				note(`console.${msg.type()}: ${msg.text()}`);
		});
		page.on('pageerror', (error) => note(`page error: ${error.stack ?? error.message}`));
		page.on('framenavigated', (frame) => frame === page.mainFrame() && note(`at ${frame.url()}`));
		page.on('requestfailed', (r) =>
			note(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`)
		);
		// The service worker's own requests (its precache, the catalogue) are the context's.
		context.on('requestfailed', (r) => {
			if (r.serviceWorker())
				note(`worker request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
		});
		context.on('serviceworker', (worker) =>
			worker.on('console', (msg) => note(`worker console.${msg.type()}: ${msg.text()}`))
		);
		await use(waitForAppOnNavigation(page));
		if (testInfo.status !== testInfo.expectedStatus && said.length) {
			console.log(`--- what the page said in "${testInfo.title}":\n${said.join('\n')}`);
		}
	},
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
	readyOffline: async ({}, use) => use(readyOffline)
});

export { expect };
