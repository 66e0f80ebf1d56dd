import { MAX_OPS_PER_REQUEST, SCHEMA_VERSION, type OpReply, type OpResult } from '$lib/schemas/ops';
import {
	deviceDb,
	getMeta,
	setMeta,
	type LocalApplication,
	type LocalStatus,
	type OutboxEntry
} from './db';
import { announceOutboxChange } from './outbox-signal';

const LOCK = 'ow-outbox-flush';

/** The op as the server receives it. */
export function wireOp(e: OutboxEntry) {
	return { opId: e.opId, kind: e.kind, schemaVersion: SCHEMA_VERSION, payload: e.payload };
}
/** Keeps a batch under the server's 2 MB, with room for the envelope. */
const MAX_BATCH_BYTES = 1.5 * 1024 * 1024;

/** A failure worth retrying later: the network, a timeout, too many requests, the server's fault. */
export class RetryLater extends Error {
	constructor(
		message: string,
		readonly retryAfterMs: number | null = null
	) {
		super(message);
	}
}

interface Credentials {
	deviceId: string;
	token: string;
}

export async function credentials(): Promise<Credentials | undefined> {
	return getMeta<Credentials>('device');
}

async function ensureDevice(fetchFn: typeof fetch): Promise<Credentials> {
	const known = await credentials();
	if (known) return known;
	const response = await call(fetchFn, '/api/devices', {
		method: 'POST',
		headers: { 'content-length': '0' }
	});
	const created = (await response.json()) as Credentials;
	await setMeta('device', created);
	return created;
}

/** One request; transient failures become RetryLater, other refusals an Error with the server's words. */
async function call(fetchFn: typeof fetch, url: string, init: RequestInit): Promise<Response> {
	let response: Response;
	try {
		response = await fetchFn(url, { ...init, cache: 'no-store' });
	} catch (error) {
		throw new RetryLater(error instanceof Error ? error.message : String(error));
	}
	if (response.ok) return response;
	if (response.status === 408 || response.status === 429 || response.status >= 500) {
		const after = response.headers.get('retry-after');
		const seconds =
			after && /^\d+$/.test(after)
				? Number(after)
				: after
					? (Date.parse(after) - Date.now()) / 1000
					: NaN;
		throw new RetryLater(
			`HTTP ${response.status}`,
			Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : null
		);
	}
	const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
	throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
}

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 5 * 60_000;

/**
 * The backoff is kept on the device, not in one tab: every tab and the service worker wait the
 * same time after a failure (2 s doubling to 5 min, jittered, or as `Retry-After` says).
 */
async function noteFailure(error: RetryLater): Promise<RetryLater> {
	const failures = ((await getMeta<number>('flush-failures')) ?? 0) + 1;
	const backoff =
		Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1)) * (0.5 + Math.random());
	const wait = error.retryAfterMs ?? backoff;
	await setMeta('flush-failures', failures);
	await setMeta('flush-not-before', Date.now() + wait);
	return new RetryLater(error.message, wait);
}

async function noteSuccess(): Promise<void> {
	await setMeta('flush-failures', 0);
	await setMeta('flush-not-before', 0);
}

export interface FlushReport {
	ran: boolean;
	sent: number;
}

/**
 * Sends what waits in the outbox, oldest first, and pulls status changes. One flush at a time per
 * origin (Web Locks), whichever tab or the service worker starts it. An entry leaves the outbox
 * only once the server's reply for it has arrived.
 */
export async function flush(
	fetchFn: typeof fetch = fetch,
	options: { force?: boolean } = {}
): Promise<FlushReport> {
	const run = async () => {
		const notBefore = (await getMeta<number>('flush-not-before')) ?? 0;
		if (!options.force && notBefore > Date.now()) {
			throw new RetryLater('backing off', notBefore - Date.now());
		}
		try {
			const report = await flushLocked(fetchFn);
			await noteSuccess();
			return report;
		} catch (error) {
			throw error instanceof RetryLater ? await noteFailure(error) : error;
		}
	};
	if (!navigator.locks) return run();
	return navigator.locks.request(LOCK, { ifAvailable: true }, (lock) =>
		lock ? run() : { ran: false, sent: 0 }
	);
}

async function flushLocked(fetchFn: typeof fetch): Promise<FlushReport> {
	let sent = 0;
	const waiting = await deviceDb.outbox.where('state').equals('waiting').count();
	if (!waiting && !(await credentials())) return { ran: true, sent };
	const creds = await ensureDevice(fetchFn);
	const auth = { authorization: `Bearer ${creds.token}` };
	for (let guard = 0; guard < 1000; guard++) {
		const batch = await nextBatch();
		if (!batch.length) break;
		await uploadBlobs(fetchFn, auth, batch);
		const stamp = Date.now();
		await deviceDb.outbox.bulkUpdate(
			batch.map((e) => ({
				key: e.seq!,
				changes: { attempts: e.attempts + 1, lastAttemptAt: stamp }
			}))
		);
		let results: OpResult[];
		try {
			const response = await call(fetchFn, '/api/sync', {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify({ ops: batch.map(wireOp) })
			});
			results = ((await response.json()) as { results: OpResult[] }).results;
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			await deviceDb.outbox.bulkUpdate(
				batch.map((e) => ({ key: e.seq!, changes: { lastError: message } }))
			);
			announceOutboxChange();
			throw error;
		}
		const retryBlobs = await settle(batch, results);
		sent += batch.length - retryBlobs;
		announceOutboxChange();
		if (retryBlobs === batch.length) break;
	}
	await pull(fetchFn, auth);
	return { ran: true, sent };
}

async function nextBatch(): Promise<OutboxEntry[]> {
	const waiting = await deviceDb.outbox.where('state').equals('waiting').sortBy('seq');
	const batch: OutboxEntry[] = [];
	let bytes = 0;
	for (const e of waiting) {
		const size = JSON.stringify(e.payload).length;
		if (batch.length && (batch.length >= MAX_OPS_PER_REQUEST || bytes + size > MAX_BATCH_BYTES))
			break;
		batch.push(e);
		bytes += size;
	}
	return batch;
}

/** Uploads the batch's photos the server does not have yet (`PUT` is idempotent). */
async function uploadBlobs(
	fetchFn: typeof fetch,
	auth: Record<string, string>,
	batch: OutboxEntry[]
) {
	const hashes = new Set(
		batch.flatMap((e) =>
			((e.payload.attachments as { sha256: string }[] | undefined) ?? []).map((a) => a.sha256)
		)
	);
	for (const sha256 of hashes) {
		const stored = await deviceDb.blobs.get(sha256);
		if (!stored || stored.uploaded) continue;
		await call(fetchFn, `/api/blobs/${sha256}`, {
			method: 'PUT',
			headers: { ...auth, 'content-type': stored.contentType },
			body: stored.blob
		});
		await deviceDb.blobs.update(sha256, { uploaded: 1 });
	}
}

const applicationStatus = (reply: OpReply): string | null =>
	'status' in reply ? reply.status : null;

/** Takes the server's replies: done entries leave the outbox with their effect recorded locally. */
async function settle(batch: OutboxEntry[], results: OpResult[]): Promise<number> {
	const bySeq = new Map(batch.map((e) => [e.opId, e]));
	let retryBlobs = 0;
	await deviceDb.transaction(
		'rw',
		[deviceDb.outbox, deviceDb.applications, deviceDb.blobs],
		async () => {
			for (const result of results) {
				const e = bySeq.get(result.opId);
				if (!e) continue;
				const reply = result.reply;
				if (result.status === 'rejected' && 'code' in reply && reply.code === 'missing_blobs') {
					for (const h of reply.missingBlobs ?? []) await deviceDb.blobs.update(h, { uploaded: 0 });
					retryBlobs++;
					continue;
				}
				if (result.status === 'rejected' || result.status === 'conflict') {
					await deviceDb.outbox.update(e.seq!, {
						state: 'rejected',
						rejection: reply,
						lastError: 'code' in reply ? reply.message : null
					});
					if (e.kind === 'application.submit') {
						await deviceDb.applications.update(e.applicationId, {
							status: 'rejected',
							updatedAt: Date.now()
						});
					}
					continue;
				}
				await deviceDb.outbox.delete(e.seq!);
				if ('kind' in reply && reply.kind === 'application') {
					await deviceDb.applications.update(e.applicationId, {
						reference: reply.reference,
						status: reply.status as LocalStatus,
						booking: reply.booking,
						updatedAt: Date.now()
					});
					if (e.kind === 'application.submit') {
						// The server has the photos now; the device need not keep them.
						for (const a of (e.payload.attachments as { sha256: string }[] | undefined) ?? []) {
							await deviceDb.blobs.delete(a.sha256);
						}
					}
				} else if ('kind' in reply && reply.kind === 'rating') {
					await deviceDb.applications.update(e.applicationId, {
						rating: reply.stars,
						updatedAt: Date.now()
					});
				} else if (applicationStatus(reply)) {
					await deviceDb.applications.update(e.applicationId, { updatedAt: Date.now() });
				}
			}
		}
	);
	return retryBlobs;
}

interface PulledChange {
	applicationId: string;
	reference: string;
	status: LocalStatus;
	note: string;
	requestedMaterials: string[];
	rating: number | null;
	booking: LocalApplication['booking'];
}

/** Status changes from the server since the last pull, by its sequence, not by clocks. */
async function pull(fetchFn: typeof fetch, auth: Record<string, string>): Promise<void> {
	let cursor = (await getMeta<number>('cursor')) ?? 0;
	for (let page = 0; page < 50; page++) {
		const response = await call(fetchFn, `/api/sync?since=${cursor}`, { headers: auth });
		const body = (await response.json()) as {
			cursor: number;
			more: boolean;
			changes: PulledChange[];
		};
		await deviceDb.transaction('rw', deviceDb.applications, deviceDb.meta, async () => {
			for (const c of body.changes) {
				await deviceDb.applications.update(c.applicationId, {
					reference: c.reference,
					status: c.status,
					note: c.note,
					requestedMaterials: c.requestedMaterials,
					rating: c.rating,
					booking: c.booking,
					updatedAt: Date.now()
				});
			}
			await setMeta('cursor', body.cursor);
		});
		cursor = body.cursor;
		if (!body.more) break;
	}
}
