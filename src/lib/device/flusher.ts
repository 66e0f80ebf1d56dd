import * as v from 'valibot';
import { SCHEMA_VERSION, syncAnswer } from '$lib/schemas/ops';
import { deviceDb, type OutboxEntry } from './db';
import { announceOutboxChange, FLUSH_LOCK } from './outbox-signal';
import { backoffLeft, noteFailure, noteSuccess } from './sync/backoff';
import { nextBatch, nextDue, uploadBlobs, uploadDuePhotos } from './sync/batches';
import { pull } from './sync/pull';
import { AgentSignedOut, credentials, ensureDevice, forgetDevice } from './sync/registration';
import { refuse, settle, type Settled } from './sync/settle';
import { call, Refused, RetryLater, TooLarge, Unauthorized } from './sync/transport';

export { AgentSignedOut, RetryLater };

/** The op as the server receives it. */
export function wireOp(e: OutboxEntry) {
	return {
		opId: e.opId,
		kind: e.kind,
		schemaVersion: SCHEMA_VERSION,
		payload: e.payload,
		...(e.claimKey ? { claimKey: e.claimKey } : {})
	};
}

export interface FlushReport {
	/** False when another tab or the service worker was flushing already. */
	ran: boolean;
	/** Entries the server dealt with for good. */
	sent: number;
	/** When an entry the server failed on is due again; null when none waits so. */
	nextAttemptAt: number | null;
}

/**
 * Sends what waits in the outbox, oldest first, and pulls status changes. One flush at a time per
 * origin (Web Locks), whichever tab or the service worker starts it. An entry leaves the outbox
 * only once the server's answer for it has arrived. Any failure but an agent's lost sign-in
 * backs off (`RetryLater`), so nothing retries in a tight loop.
 */
export async function flush(
	fetchFn: typeof fetch = fetch,
	options: { force?: boolean } = {}
): Promise<FlushReport> {
	const run = async (): Promise<FlushReport> => {
		const left = await backoffLeft();
		if (!options.force && left > 0) throw new RetryLater('backing off', left);
		try {
			const report = await flushLocked(fetchFn, !!options.force);
			await noteSuccess();
			return report;
		} catch (error) {
			if (error instanceof AgentSignedOut) throw error;
			const failure =
				error instanceof RetryLater
					? error
					: new RetryLater(error instanceof Error ? error.message : String(error));
			throw await noteFailure(failure);
		}
	};
	if (typeof navigator === 'undefined' || !navigator.locks) return run();
	return navigator.locks.request(FLUSH_LOCK, { ifAvailable: true }, (lock) =>
		lock ? run() : { ran: false, sent: 0, nextAttemptAt: null }
	);
}

async function flushLocked(fetchFn: typeof fetch, force: boolean): Promise<FlushReport> {
	const waiting = await deviceDb.outbox.where('state').equals('waiting').count();
	if (!waiting && !(await credentials())) return { ran: true, sent: 0, nextAttemptAt: null };
	let sent: number;
	try {
		sent = await drain(fetchFn, force);
	} catch (error) {
		if (!(error instanceof Unauthorized)) throw error;
		// The server no longer knows this device: a resident's phone registers again and goes on
		// (once), an agent's waits for the agent to sign in again.
		await forgetDevice();
		try {
			sent = await drain(fetchFn, force);
		} catch (again) {
			throw again instanceof Unauthorized ? new RetryLater(again.message) : again;
		}
	}
	return { ran: true, sent, nextAttemptAt: await nextDue() };
}

/** Sends batch after batch until nothing more can go now, then pulls; how many were done. */
async function drain(fetchFn: typeof fetch, force: boolean): Promise<number> {
	const { token } = await ensureDevice(fetchFn);
	const auth = { authorization: `Bearer ${token}` };
	// Entries not to send again in this flush: the server failed on them, or asked twice for photos.
	const held = new Set<string>();
	const photoRounds = new Map<string, number>();
	let sent = 0;
	for (let guard = 0; guard < 1000; guard++) {
		const batch = await nextBatch({ force, held });
		if (!batch.length) break;
		const ready = await uploadBlobs(fetchFn, auth, batch, new Set(photoRounds.keys()));
		const settled = ready.length ? await send(fetchFn, auth, ready) : undefined;
		sent += (settled?.done ?? 0) + (batch.length - ready.length);
		for (const e of settled?.deferred ?? []) held.add(e.opId);
		for (const e of settled?.needBlobs ?? []) {
			const rounds = (photoRounds.get(e.opId) ?? 0) + 1;
			photoRounds.set(e.opId, rounds);
			if (rounds > 1) held.add(e.opId);
		}
		announceOutboxChange();
	}
	await pull(fetchFn, auth);
	// The applications are booked; their photos follow, however long they take on a weak link.
	if (await uploadDuePhotos(fetchFn, auth)) announceOutboxChange();
	return sent;
}

/** One request with these entries; a body the server finds too large is sent in halves. */
async function send(
	fetchFn: typeof fetch,
	auth: Record<string, string>,
	batch: OutboxEntry[]
): Promise<Settled> {
	const stamp = Date.now();
	const tried = (e: OutboxEntry) => ({ attempts: e.attempts + 1, lastAttemptAt: stamp });
	try {
		const response = await call(fetchFn, '/api/sync', {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ ops: batch.map(wireOp), sentAt: new Date().toISOString() })
		});
		await deviceDb.outbox.bulkUpdate(batch.map((e) => ({ key: e.seq!, changes: tried(e) })));
		return await settle(batch, v.parse(syncAnswer, await response.json()).results);
	} catch (error) {
		if (error instanceof TooLarge) {
			if (batch.length === 1) {
				await refuse(batch[0]!, { code: 'too_large', message: error.message });
				return { done: 1, needBlobs: [], deferred: [] };
			}
			const half = Math.ceil(batch.length / 2);
			const first = await send(fetchFn, auth, batch.slice(0, half));
			const second = await send(fetchFn, auth, batch.slice(half));
			return {
				done: first.done + second.done,
				needBlobs: [...first.needBlobs, ...second.needBlobs],
				deferred: [...first.deferred, ...second.deferred]
			};
		}
		const message = error instanceof Error ? error.message : String(error);
		const reason = error instanceof RetryLater ? error.reason : 'server';
		// A request made while the phone knows it has no network is no try at sending.
		const counted = !(reason === 'offline' && globalThis.navigator?.onLine === false);
		await deviceDb.outbox.bulkUpdate(
			batch.map((e) => ({
				key: e.seq!,
				changes: { lastError: null, lastFailure: reason, ...(counted ? tried(e) : {}) }
			}))
		);
		announceOutboxChange();
		// A whole request refused for good would be refused again: wait and retry, losing nothing.
		throw error instanceof Refused ? new RetryLater(message) : error;
	}
}
