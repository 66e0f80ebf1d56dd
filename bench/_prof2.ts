import { chromium } from '@playwright/test';
import { chromiumPath, startServer } from './support/server';
const server = await startServer({ port: 4316 });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(server.url + (process.argv[2] ?? '/'), { waitUntil: 'networkidle' });
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples!.forEach((id, i) => {
	const n = byId.get(id)!;
	const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
	self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0));
});
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stacks = new Map<string, number>();
profile.samples!.forEach((id, i) => {
	let n = byId.get(id)!;
	if (
		!['appendChild', '(anon)'].includes(n.callFrame.functionName || '(anon)') ||
		(n.callFrame.url === '' && n.callFrame.functionName !== 'appendChild')
	)
		return;
	const chain = [];
	let cur: number | undefined = id;
	for (let d = 0; d < 8 && cur; d++) {
		const x = byId.get(cur)!;
		chain.push(
			`${x.callFrame.functionName || 'anon'}@${x.callFrame.url.split('/').pop()}:${x.callFrame.columnNumber}`
		);
		cur = parent.get(cur);
	}
	const k = chain.join(' < ');
	stacks.set(k, (stacks.get(k) ?? 0) + (dt[i] ?? 0));
});
console.log(
	[...stacks]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 6)
		.map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`)
		.join('\n')
);
console.log(
	[...self]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 25)
		.map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`)
		.join('\n')
);
await browser.close();
await server.stop();
