// Times the resident search per keystroke in Chromium over a synthetic catalogue of 300 matters and
// 1,600 points: from the input event to the updated, laid-out results, offline, with the CPU
// slowed down 4× (DevTools throttling) as on a cheap phone. Budget: p95 ≤ 16 ms a keystroke.
// The reference, in the same run: the same page without its scripts, writing the rows the app
// showed for each query with plain DOM calls (no search, no framework), timed the same way.
// Usage: npm run build && npx tsx bench/search.ts [--throttle 4]
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath, median, startServer } from './support/server';
import { becomeBareRows, readShown, staticCopy, type Shown } from './support/bare-rows';

const WORDS = [
	'gtgsh',
	'个体工商户',
	'canji',
	'残疾人',
	'jiuye',
	'团旺',
	'wjz',
	'shehui',
	'养老保险',
	'zhuanye'
];
const QUERIES = WORDS.flatMap((word) => [...word].map((_, i) => word.slice(0, i + 1)));
const ROUNDS = 5;
const { values } = parseArgs({ options: { throttle: { type: 'string', default: '4' } } });
const THROTTLE = Number(values.throttle);

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 412, height: 839 },
		locale: 'zh-CN'
	});
	return context.newPage();
}

function typed(page: Page, query: string): Promise<number> {
	return page.evaluate(async (text) => {
		const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
		const t0 = performance.now();
		input.value = text;
		input.dispatchEvent(new Event('input', { bubbles: true }));
		// Svelte applies the change in a microtask; a task later the DOM is current.
		// (A message, not setTimeout, which Chromium may hold back 4 ms.)
		await new Promise((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = resolve;
			channel.port2.postMessage(0);
		});
		void document.body.offsetHeight; // force style and layout
		return performance.now() - t0;
	}, query);
}

/** Types every word a letter at a time, ROUNDS times, at the CPU slowdown; the time of each. */
async function timeTyping(page: Page): Promise<{ query: string; ms: number }[]> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
	const runs: { query: string; ms: number }[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		for (const word of WORDS) {
			for (let i = 1; i <= word.length; i++) {
				const query = word.slice(0, i);
				runs.push({ query, ms: await typed(page, query) });
			}
			await typed(page, '');
		}
	}
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	return runs;
}

function report(label: string, runs: { query: string; ms: number }[]): void {
	const times = runs.map((r) => r.ms);
	const p95 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;
	console.log(
		`  ${label}: median ${median(times).toFixed(2)} ms, 95th percentile ${p95.toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms`
	);
}

const server = await startServer({ port: 4341, points: 1600, matters: 300 });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const page = await phone(browser);
	await page.goto(`${server.url}/search`);
	const box = page.getByRole('searchbox');
	// Wait until the device's index is built: a query then shows results.
	await box.fill('登记');
	await page.getByRole('heading', { name: /^事项/ }).waitFor();
	// The page as the reference will show it, with every kind of result in view.
	await typed(page, 'g');
	const html = await staticCopy(page);
	await box.fill('');
	// The search runs on the phone's own copy: no network from here on.
	await page.context().setOffline(true);
	const app = await timeTyping(page);

	const shown = new Map<string, Shown>();
	for (const query of QUERIES) {
		await typed(page, query);
		shown.set(query, await readShown(page));
	}
	const bare = await phone(browser);
	await becomeBareRows(bare, html, shown);
	const reference = await timeTyping(bare);

	console.log(
		`search per keystroke over 300 matters and 1,600 points, offline, CPU ${THROTTLE}× slower (${app.length} keystrokes)`
	);
	report('the app', app);
	report('reference (the same page and rows written by plain DOM calls, no search)', reference);
	console.log('  budget: the app’s p95 ≤ 16 ms');
	const slowest = [...app].sort((a, b) => b.ms - a.ms).slice(0, 5);
	console.log(`  slowest: ${slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms`).join(', ')}`);
} finally {
	await browser.close();
	await server.stop();
}
