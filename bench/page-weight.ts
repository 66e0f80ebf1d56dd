// Prints what a first visit to a page transfers (compressed bodies): HTML, and the page's own JS +
// CSS. The service worker's background precache is counted apart: it is not the page's code.
// Budgets (PRODUCT.md §3): HTML ≤ 14 KB and JS + CSS ≤ 60 KB on the home page.
// Usage: start the app (npm start), then `npx tsx bench/page-weight.ts [base URL] [paths…]`.
import { chromium, type Request } from '@playwright/test';
import { chromiumPath } from './support/server';

const base = process.argv[2] ?? 'http://localhost:3000';
const paths = process.argv.slice(3).length ? process.argv.slice(3) : ['/'];

const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

for (const path of paths) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const pending: Promise<void>[] = [];
	const sizes = { html: 0, code: 0, data: 0, other: 0, worker: 0 };
	const files: string[] = [];
	const count = async (request: Request, bucket: keyof typeof sizes) => {
		const { responseBodySize } = await request.sizes();
		sizes[bucket] += responseBodySize;
		if (bucket === 'code')
			files.push(`${kb(responseBodySize)}  ${new URL(request.url()).pathname}`);
	};
	page.on('requestfinished', (request) => {
		const type = request.resourceType();
		const bucket =
			type === 'document'
				? 'html'
				: type === 'script' || type === 'stylesheet'
					? 'code'
					: type === 'fetch'
						? 'data'
						: 'other';
		pending.push(count(request, bucket));
	});
	context.on('requestfinished', (request) => {
		if (request.serviceWorker()) pending.push(count(request, 'worker'));
	});
	await page.goto(base + path, { waitUntil: 'networkidle' });
	await page.waitForTimeout(3000);
	await Promise.all(pending);
	console.log(path);
	console.log(`  HTML                     ${kb(sizes.html)}   (budget 14 KB)`);
	console.log(`  page JS + CSS            ${kb(sizes.code)}   (budget 60 KB)`);
	if (process.env.VERBOSE) for (const f of files) console.log(`      ${f}`);
	console.log(`  page data (API)          ${kb(sizes.data)}`);
	console.log(`  icons, manifest, other   ${kb(sizes.other)}`);
	console.log(`  service worker precache  ${kb(sizes.worker)}   (background, for offline use)`);
	await context.close();
}
await browser.close();
