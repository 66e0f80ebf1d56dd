import { chromium } from '@playwright/test';
import { chromiumPath, startServer } from './support/server';
const server = await startServer({ port: 4315 });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, {
	categories: [
		'devtools.timeline',
		'disabled-by-default-devtools.timeline',
		'v8.execute',
		'blink.user_timing'
	]
});
await page.goto(server.url + (process.argv[2] ?? '/'), { waitUntil: 'networkidle' });
await page.waitForTimeout(2000);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents as any[];
const main = events
	.filter((e) => e.name === 'RunTask' && e.dur > 30000)
	.map((e) => ({ ts: e.ts, dur: e.dur / 1000, tid: e.tid }));
console.log('long tasks (ms):', main.map((t) => t.dur.toFixed(0) + '@' + t.tid).join(', '));
const by = new Map<string, number>();
for (const e of events)
	if (
		e.ph === 'X' &&
		e.dur &&
		[
			'FunctionCall',
			'EvaluateScript',
			'v8.compile',
			'Layout',
			'UpdateLayoutTree',
			'ParseHTML',
			'Paint',
			'v8.run',
			'ParseAuthorStyleSheet',
			'PrePaint',
			'Layerize',
			'Commit',
			'TimerFire',
			'FireAnimationFrame',
			'EventDispatch',
			'v8.callFunction',
			'RunMicrotasks',
			'HitTest',
			'ScheduleStyleRecalculation',
			'MajorGC',
			'MinorGC',
			'V8.GC_MC_BACKGROUND_MARKING'
		].includes(e.name)
	)
		by.set(
			e.name + ' ' + (e.args?.data?.url ?? e.args?.data?.functionName ?? ''),
			(by.get(e.name + ' ' + (e.args?.data?.url ?? e.args?.data?.functionName ?? '')) ?? 0) +
				e.dur / 1000
		);
console.log(
	[...by]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 20)
		.map(([k, v]) => v.toFixed(0).padStart(6) + ' ' + k.slice(0, 110))
		.join('\n')
);
await browser.close();
await server.stop();
