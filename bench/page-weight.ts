// Prints what a first visit to each resident page transfers (compressed bodies): HTML, and the
// page's own JS + CSS (styles inlined in the HTML counted as CSS too, compressed on their own),
// beside a bare SvelteKit page of the same versions built and served in the same run. The service
// worker's background precache is counted apart: it is not the page's code.
// Code a page loads only once the resident starts using it (its first field takes focus: the
// search's index, the form's checks) is printed apart, as "on first use".
// Budgets: every resident page's JS + CSS ≤ 2 × the bare page's; the home page's HTML ≤ 14 KB and
// JS + CSS ≤ 60 KB (PRODUCT.md §3).
// Usage: npm run build && npx tsx bench/page-weight.ts [paths…]   (VERBOSE=1 lists the files)
import { brotliCompressSync } from 'node:zlib';
import { chromium, type Browser, type Request } from '@playwright/test';
import { serveBareKit } from './support/bare-kit';
import { chromiumArgs, chromiumPath, startServer } from './support/server';

const MATTER = 'individual-business-registration';
const POINT = 'chengxiang-centre';
const PAGES = process.argv.slice(2).length
	? process.argv.slice(2)
	: [
			'/',
			'/search',
			`/matters/${MATTER}`,
			`/matters/${MATTER}/points`,
			`/points/${POINT}/slots?matter=${MATTER}`,
			`/apply?matter=${MATTER}&point=${POINT}`,
			'/applications/00000000-0000-4000-8000-000000000000'
		];
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(5)} KB`;

interface Weight {
	html: number;
	code: number;
	/** Code loaded once the page's first field took focus. */
	onUse: number;
	data: number;
	worker: number;
	files: string[];
	/** Script and style sheet requests: on HTTP/1.1 a phone fetches six at a time, a round trip each. */
	requests: number;
}

async function weigh(browser: Browser, url: string): Promise<Weight> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const pending: Promise<void>[] = [];
	const sizes: Weight = { html: 0, code: 0, onUse: 0, data: 0, worker: 0, files: [], requests: 0 };
	const count = async (request: Request, bucket: 'html' | 'code' | 'onUse' | 'data' | 'worker') => {
		// Code asked for on first use comes from the service worker's cache (no transfer size is
		// reported): counted as the server would send it, compressed.
		const responseBodySize =
			bucket === 'onUse'
				? brotliCompressSync((await (await request.response())?.body()) ?? '').length
				: (await request.sizes()).responseBodySize;
		sizes[bucket] += responseBodySize;
		if (bucket === 'html') {
			const html = (await (await request.response())?.text()) ?? '';
			const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)]
				.map((m) => m[1])
				.join('');
			const inline = styles ? brotliCompressSync(styles).length : 0;
			sizes.code += inline;
			if (inline) sizes.files.push(`${kb(inline)}  (styles inlined in the HTML)`);
		}
		if (bucket === 'onUse')
			sizes.files.push(
				`${kb(responseBodySize)}  ${new URL(request.url()).pathname} (on first use)`
			);
		if (bucket === 'code') {
			sizes.requests++;
			sizes.files.push(`${kb(responseBodySize)}  ${new URL(request.url()).pathname}`);
		}
	};
	let inUse = false;
	page.on('requestfinished', (request) => {
		const type = request.resourceType();
		if (type === 'document') pending.push(count(request, 'html'));
		else if (type === 'script' || type === 'stylesheet')
			pending.push(count(request, inUse ? 'onUse' : 'code'));
		else if (type === 'fetch') pending.push(count(request, 'data'));
	});
	context.on('requestfinished', (request) => {
		if (request.serviceWorker()) pending.push(count(request, 'worker'));
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.waitForTimeout(3000);
	inUse = true;
	const field = page.locator('main input:visible, main select:visible, main textarea:visible');
	if (await field.count()) {
		await field.first().focus();
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1000);
	}
	await Promise.all(pending);
	await context.close();
	return sizes;
}

const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: chromiumArgs
});
const bare = await serveBareKit(4346);
const app = await startServer({ port: 4345 });
try {
	const reference = await weigh(browser, bare.url);
	const budget = 2 * reference.code;
	console.log(
		`bare SvelteKit page: JS + CSS ${kb(reference.code)} (${reference.code} B) in ${reference.requests} files → budget per page ${kb(budget)}\n`
	);
	let met = true;
	for (const path of PAGES) {
		const w = await weigh(browser, app.url + path);
		const ok = w.code <= budget && (path !== '/' || (w.html <= 14 * 1024 && w.code <= 60 * 1024));
		met &&= ok;
		console.log(
			`${path}\n  HTML ${kb(w.html)}   JS + CSS ${kb(w.code)} (${w.code} B) = ${(w.code / reference.code).toFixed(2)} × bare in ${w.requests} files${ok ? '' : '  ← over'}   on first use ${kb(w.onUse)}   data ${kb(w.data)}   precache ${kb(w.worker)}`
		);
		if (process.env.VERBOSE) for (const f of w.files) console.log(`      ${f}`);
	}
	console.log(`\nbudgets ${met ? 'met' : 'NOT met'}`);
} finally {
	await browser.close();
	bare.stop();
	await app.stop();
}
