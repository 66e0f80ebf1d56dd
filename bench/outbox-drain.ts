// Time for a phone's outbox of 1,000 and of 5,000 queued applications to drain to the server on
// loopback, in Chromium, through the app's own flusher: from the moment the connection returns to
// the moment the outbox is empty. Budgets: ≤ 10 s per 1,000, and the same time per item (±20 %)
// for both sizes.
// Usage: npm run build && npx tsx bench/outbox-drain.ts [--counts 1000,5000]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import SQLite from 'better-sqlite3';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { referenceOf } from '../src/lib/reference';
import { plannedSubmits } from './support/applications';
import { chromiumArgs, chromiumPath, startServer } from './support/server';

const { values } = parseArgs({ options: { counts: { type: 'string', default: '1000,5000' } } });
const COUNTS = values.counts.split(',').map(Number);

const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: chromiumArgs
});
const results: { count: number; seconds: number; landed: number }[] = [];
try {
	for (const count of COUNTS) results.push(await drainOf(count));
} finally {
	await browser.close();
}
console.log('');
for (const r of results) {
	console.log(
		`outbox of ${r.count} applications drained in ${r.seconds.toFixed(2)} s: ${((r.seconds * 1000) / r.count).toFixed(2)} ms each, ${r.landed} on the server (budget ≤ 10 s per 1,000 → ${r.seconds <= (10 * r.count) / 1000 && r.landed === r.count ? 'met' : 'NOT met'})`
	);
}
if (results.length > 1) {
	const per = results.map((r) => r.seconds / r.count);
	const spread = Math.max(...per) / Math.min(...per) - 1;
	console.log(
		`time per item, largest against smallest: +${(spread * 100).toFixed(0)} % (budget ±20 % → ${spread <= 0.2 ? 'met' : 'NOT met'})`
	);
}

async function drainOf(COUNT: number): Promise<{ count: number; seconds: number; landed: number }> {
	const server = await startServer({ port: 4331 });
	try {
		const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as CatalogSnapshot;
		const now = Date.now();
		const queued = plannedSubmits(catalog, COUNT).map((op, i) => {
			const { applicationId, matterId, pointId, slots, applicant, fields, answers } = op.payload;
			return {
				application: {
					id: applicationId,
					opId: op.opId,
					reference: referenceOf(applicationId),
					matterId,
					bundleId: null,
					pointId,
					slots,
					applicant,
					fields,
					answers,
					attachments: [],
					createdAt: now + i,
					status: 'queued',
					booking: null,
					note: '',
					requestedMaterials: [],
					rating: null,
					agent: null,
					payload: op.payload,
					updatedAt: now + i
				},
				entry: {
					opId: op.opId,
					kind: op.kind,
					payload: op.payload,
					applicationId,
					createdAt: now + i,
					attempts: 0,
					lastAttemptAt: null,
					lastError: null,
					state: 'waiting',
					rejection: null
				}
			};
		});

		const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
		const page = await context.newPage();
		// The outbox page opens the app's device database; once it stands, fill its outbox with no
		// connection as 1,000 offline submits would have, then reload so the app starts with them.
		await page.goto(`${server.url}/outbox`);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const hasOutbox = () =>
			page.evaluate(
				() =>
					new Promise<boolean>((resolve) => {
						const open = indexedDB.open('one-window');
						open.onsuccess = () => {
							resolve(open.result.objectStoreNames.contains('outbox'));
							open.result.close();
						};
						open.onerror = () => resolve(false);
					})
			);
		while (!(await hasOutbox())) await new Promise((r) => setTimeout(r, 100));
		await context.setOffline(true);
		await page.evaluate(async (rows) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('one-window');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction(['applications', 'outbox'], 'readwrite');
				for (const r of rows) {
					tx.objectStore('applications').add(r.application);
					tx.objectStore('outbox').add(r.entry);
				}
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		}, queued);
		// The home page shows the outbox's count (the outbox page itself does not).
		await page.goto(`${server.url}/`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.getByTestId('outbox-count').waitFor();
		const waiting = () =>
			page.evaluate(
				() =>
					new Promise<number>((resolve, reject) => {
						const open = indexedDB.open('one-window');
						open.onerror = () => reject(open.error);
						open.onsuccess = () => {
							const request = open.result.transaction('outbox').objectStore('outbox').count();
							request.onsuccess = () => {
								open.result.close();
								resolve(request.result);
							};
						};
					})
			);
		const before = await waiting();

		const t0 = performance.now();
		await context.setOffline(false);
		let left = before;
		while (left > 0) {
			await new Promise((r) => setTimeout(r, 50));
			left = await waiting();
			if (performance.now() - t0 > 120_000) throw new Error(`${left} still waiting after 120 s`);
		}
		const seconds = (performance.now() - t0) / 1000;
		await context.close();

		const db = new SQLite(server.dbFile, { readonly: true });
		const landed = (db.prepare('select count(*) as n from applications').get() as { n: number }).n;
		db.close();
		if (before !== COUNT) throw new Error(`${before} of ${COUNT} queued`);
		return { count: COUNT, seconds, landed };
	} finally {
		await server.stop();
	}
}
