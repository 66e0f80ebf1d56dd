// How soon a page is usable when the app starts with no network after one visit: from the start of
// the navigation to the page hydrated with its content shown, in Chromium on a phone-sized screen.
// Budget: ≤ 1 s.
// Usage: npm run build && npx tsx bench/offline-start.ts
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath, median, startServer } from './support/server';

const PAGES: [string, string][] = [
	['home', '/'],
	['search', '/search?q=gtgsh'],
	['guide', '/matters/individual-business-registration'],
	['points', '/matters/individual-business-registration/points'],
	['applications', '/applications']
];
const ROUNDS = 5;

const server = await startServer({ port: 4341 });
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: chromiumArgs
});
try {
	const context = await browser.newContext({
		viewport: { width: 412, height: 839 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	const page = await context.newPage();
	// The one visit: the service worker installs and the catalogue is saved on the device.
	await page.goto(`${server.url}/`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await page.getByTestId('catalog-ready').waitFor();
	await context.setOffline(true);

	console.log(`offline start after one visit, median of ${ROUNDS} (budget ≤ 1 s)`);
	for (const [name, path] of PAGES) {
		const times: number[] = [];
		for (let i = 0; i < ROUNDS; i++) {
			await page.goto('about:blank');
			const t0 = performance.now();
			await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			await page.locator('main h1').first().waitFor();
			times.push(performance.now() - t0);
		}
		console.log(
			`  ${name.padEnd(13)} ${median(times).toFixed(0).padStart(5)} ms   (worst ${Math.max(...times).toFixed(0)} ms)`
		);
	}
} finally {
	await browser.close();
	await server.stop();
}
