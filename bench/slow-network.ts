// An application with three phone photos (4000 × 3000, of papers), filled in, then submitted on a
// slow link, in Chromium through the app's own outbox and flusher. Per profile it
// prints the time until the server has the application and its booking, the time until it has all
// three photos, and the photo bytes that crossed the link (the server's own count). Then, on EDGE,
// the link drops for 10 s in the middle of a photo: the bytes sent twice and the time it added.
// Budgets: booking ≤ 5 s on 2G; everything ≤ 30 s on EDGE and ≤ 60 s on 2G; a drop re-sends at most
// one chunk (64 KB) and adds ≤ 5 s after the link returns.
// The throttling is DevTools' (latency, down and up rate), on the page and on its service worker
// alike: either may send the outbox (the worker on Background Sync).
// Usage: npm run build && npx tsx bench/slow-network.ts
import { chromium, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from '../tests/support/apply';
import { photographedPage } from '../tests/support/camera';
import { chromiumArgs, chromiumPath, startServer, type BenchServer } from './support/server';

interface Profile {
	name: string;
	downKbps: number;
	upKbps: number;
	rttMs: number;
}
const PROFILES: Profile[] = [
	{ name: '2G', downKbps: 250, upKbps: 50, rttMs: 300 },
	{ name: 'EDGE', downKbps: 450, upKbps: 150, rttMs: 150 },
	{ name: 'slow 3G', downKbps: 400, upKbps: 400, rttMs: 400 },
	{ name: '1.6 Mbps', downKbps: 1600, upKbps: 750, rttMs: 150 }
];
const DROP_MS = 10_000;
const CHUNK = 64 * 1024;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const server = await startServer({ port: 4341 });

/** What the server has of an application: whether it is there, and its photos. */
function serverState(dbFile: string, reference: string) {
	const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
	try {
		const app = db.prepare('select id from applications where reference = ?').get(reference) as
			{ id: string } | undefined;
		if (!app) return { booked: false, photos: 0, sentBytes: 0, sizes: 0, partial: 0 };
		const photos = db
			.prepare(
				`select count(*) as n, coalesce(sum(o.sent_bytes), 0) as sent, coalesce(sum(o.size), 0) as size
				 from attachments t join applications a on a.id = t.application_id
				 join blob_owners o on o.sha256 = t.sha256 and o.device_id = a.device_id
				 where t.application_id = ?`
			)
			.get(app.id) as { n: number; sent: number; size: number };
		const partial = db
			.prepare('select coalesce(sum(received), 0) as r from blob_uploads')
			.get() as {
			r: number;
		};
		return {
			booked: true,
			photos: photos.n,
			sentBytes: photos.sent,
			sizes: photos.size,
			partial: partial.r
		};
	} finally {
		db.close();
	}
}

/** DevTools' network conditions for one target: the page's session, or the worker's. */
type Send = (method: string, params: object) => Promise<unknown>;

const browserCdp = await browser.newBrowserCDPSession();
let messageId = 0;
/**
 * The page's service worker as a DevTools target. Playwright opens sessions on pages only, so the
 * worker is reached through the browser's session (`Target.sendMessageToTarget`).
 */
async function workerTarget(page: Page): Promise<Send> {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	const { targetInfos } = await browserCdp.send('Target.getTargets');
	const pageTarget = targetInfos.find((t) => t.type === 'page' && t.url === page.url());
	const worker = targetInfos.find(
		(t) => t.type === 'service_worker' && t.browserContextId === pageTarget?.browserContextId
	);
	if (!worker) throw new Error('the page has no service worker');
	const { sessionId } = await browserCdp.send('Target.attachToTarget', {
		targetId: worker.targetId,
		flatten: false
	});
	const send: Send = (method, params) =>
		browserCdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id: ++messageId, method, params })
		});
	await send('Network.enable', {});
	return send;
}

async function throttle(targets: Send[], p: Profile | 'offline') {
	const conditions =
		p === 'offline'
			? { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
			: {
					offline: false,
					latency: p.rttMs,
					downloadThroughput: (p.downKbps * 1000) / 8,
					uploadThroughput: (p.upKbps * 1000) / 8
				};
	await Promise.all(targets.map((send) => send('Network.emulateNetworkConditions', conditions)));
}

interface Run {
	profile: string;
	bookingS: number;
	photosS: number;
	/** With a drop: from the link's return until the server has every photo. */
	afterBackS: number;
	photoKb: number;
	resentKb: number;
	inputKb: number;
}

/** Fills in an application with three photos offline; then the link comes back as `profile`. */
async function run(s: BenchServer, profile: Profile, drop = false): Promise<Run> {
	const context = await browser.newContext({
		baseURL: s.url,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 360, height: 640 }
	});
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const pageTarget: Send = (method, params) => cdp.send(method as 'Network.enable', params);
	try {
		const photos: Buffer[] = [];
		for (let k = 0; k < 3; k++) photos.push(await photographedPage(page, k));
		let started = 0;
		await page.goto(SLOTS_PAGE);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const targets = [pageTarget, await workerTarget(page)];
		await applyFromSlots(
			page,
			uniqueN(),
			'慢网测试',
			async () => {
				const pickers = page.getByLabel(/^拍照或选择照片：/);
				for (let i = 0; i < 3; i++) {
					await pickers.nth(i).setInputFiles({
						name: `IMG_000${i}.jpg`,
						mimeType: 'image/jpeg',
						buffer: photos[i]!
					});
				}
				await page.getByRole('img').nth(2).waitFor();
				await page
					.getByText(/正在处理照片/)
					.waitFor({ state: 'detached' })
					.catch(() => undefined);
				// Submitted on the slow link: the outbox sends it at once, as it can.
				await throttle(targets, profile);
				started = Date.now();
			},
			120_000
		);
		const reference = (await page.getByTestId('reference').textContent())!.trim();
		let bookingS = NaN;
		let dropped = false;
		let backAt = 0;
		for (;;) {
			const state = serverState(s.dbFile, reference);
			const elapsed = (Date.now() - started) / 1000;
			if (state.booked && Number.isNaN(bookingS)) bookingS = elapsed;
			if (drop && !dropped && state.booked && state.partial > CHUNK / 2) {
				// In the middle of a photo: the link goes for 10 s.
				await throttle(targets, 'offline');
				await new Promise((r) => setTimeout(r, DROP_MS));
				await throttle(targets, profile);
				dropped = true;
				backAt = Date.now();
			}
			if (state.photos === 3) {
				return {
					profile: profile.name + (drop ? ` with a ${DROP_MS / 1000} s drop` : ''),
					bookingS,
					photosS: elapsed,
					afterBackS: drop ? (Date.now() - backAt) / 1000 : NaN,
					photoKb: state.sizes / 1024,
					resentKb: (state.sentBytes - state.sizes) / 1024,
					inputKb: photos.reduce((sum, p) => sum + p.length, 0) / 1024
				};
			}
			if (process.env.VERBOSE && Math.round(elapsed * 20) % 100 === 0)
				console.log(elapsed.toFixed(0), state);
			if (elapsed > 300) throw new Error(`${profile.name}: not done in 300 s`);
			await new Promise((r) => setTimeout(r, 50));
		}
	} finally {
		await context.close();
	}
}

const results: Run[] = [];
try {
	for (const p of PROFILES) results.push(await run(server, p));
	results.push(await run(server, PROFILES[1]!, true));
} finally {
	await browser.close();
	await server.stop();
}

console.log('');
console.log(
	`three camera photos of papers, ${results[0]!.inputKb.toFixed(0)} KB as taken, sent as ${results[0]!.photoKb.toFixed(0)} KB`
);
for (const r of results) {
	console.log(
		`${r.profile.padEnd(22)} booking on the server ${r.bookingS.toFixed(1).padStart(5)} s · all photos ${r.photosS
			.toFixed(1)
			.padStart(
				5
			)} s${Number.isNaN(r.afterBackS) ? '' : ` (${r.afterBackS.toFixed(1)} s after the link came back)`} · photo bytes ${(r.photoKb + r.resentKb).toFixed(0)} KB (${r.resentKb.toFixed(0)} KB sent twice)`
	);
}
const by = (name: string) => results.find((r) => r.profile === name)!;
const twoG = by('2G');
const edge = by('EDGE');
const drop = results.at(-1)!;
const checks = [
	[`booking on 2G ≤ 5 s`, twoG.bookingS <= 5],
	[`everything on EDGE ≤ 30 s`, edge.photosS <= 30],
	[`everything on 2G ≤ 60 s`, twoG.photosS <= 60],
	[`a drop re-sends ≤ 64 KB`, drop.resentKb <= 64],
	[
		`a drop adds ≤ 5 s beyond its own 10 s (${(drop.photosS - DROP_MS / 1000 - edge.photosS).toFixed(1)} s)`,
		drop.photosS - DROP_MS / 1000 - edge.photosS <= 5
	]
] as const;
for (const [what, met] of checks) console.log(`${what}: ${met ? 'met' : 'NOT met'}`);
