import type { OpResult } from '$lib/schemas/ops';
import { deviceDb, type LocalStatus, type OutboxEntry } from '../db';
import { backoffMs } from './backoff';

export interface Settled {
	/** Entries the server has dealt with for good (done or refused). */
	done: number;
	/** Entries to send again once the photos the server asked for are uploaded. */
	needBlobs: OutboxEntry[];
	/** Entries to send again later (the server failed on them). */
	deferred: OutboxEntry[];
}

/**
 * Takes the server's answers: done entries leave the outbox with their effect recorded locally;
 * refused ones wait for the reader, replayed or not; the rest stay to be sent again.
 */
export async function settle(
	batch: OutboxEntry[],
	results: OpResult[],
	now = Date.now()
): Promise<Settled> {
	const byOpId = new Map(batch.map((e) => [e.opId, e]));
	const out: Settled = { done: 0, needBlobs: [], deferred: [] };
	await deviceDb.transaction(
		'rw',
		[deviceDb.outbox, deviceDb.applications, deviceDb.blobs],
		async () => {
			for (const result of results) {
				const e = byOpId.get(result.opId);
				if (!e) continue;
				byOpId.delete(result.opId);
				const reply = result.reply;
				if ('code' in reply && reply.code === 'missing_blobs') {
					for (const h of reply.missingBlobs ?? []) await deviceDb.blobs.update(h, { uploaded: 0 });
					out.needBlobs.push(e);
					continue;
				}
				if (result.status === 'retry') {
					await deviceDb.outbox.update(e.seq!, {
						lastError: 'message' in reply ? reply.message : null,
						lastFailure: null,
						notBefore: now + backoffMs(e.attempts)
					});
					out.deferred.push(e);
					continue;
				}
				out.done++;
				if (result.status === 'rejected' || result.status === 'conflict') {
					await refuse(e, reply);
					continue;
				}
				await deviceDb.outbox.delete(e.seq!);
				if ('kind' in reply && reply.kind === 'application') {
					await deviceDb.applications.update(e.applicationId, {
						reference: reply.reference,
						status: reply.status as LocalStatus,
						booking: reply.booking,
						updatedAt: now,
						// A submit sent while the resident was away from it, whose times were all full
						// meanwhile, is news: a new time is to be chosen.
						...(e.kind === 'application.submit' && reply.booking.status === 'needs_slot'
							? { unseen: 1 as const }
							: {})
					});
					await photosNowDue(e);
				} else if ('kind' in reply && reply.kind === 'rating') {
					await deviceDb.applications.update(e.applicationId, {
						rating: reply.stars,
						updatedAt: now
					});
				}
			}
			// An answer that never came for an entry: it stays as it was, to be sent again.
			out.deferred.push(...byOpId.values());
		}
	);
	return out;
}

/**
 * The server has taken an op that names photos: those it has already go from the device, the
 * others are uploaded next (the application did not wait for them).
 */
async function photosNowDue(e: OutboxEntry): Promise<void> {
	for (const a of (e.payload.attachments as { sha256: string }[] | undefined) ?? []) {
		const stored = await deviceDb.blobs.get(a.sha256);
		if (stored?.uploaded) await deviceDb.blobs.delete(a.sha256);
		else if (stored) await deviceDb.blobs.update(a.sha256, { due: 1 });
	}
}

/** The server refused the entry: it waits for the reader, and a refused submit shows as such. */
export async function refuse(e: OutboxEntry, reply: OpResult['reply']): Promise<void> {
	await deviceDb.outbox.update(e.seq!, {
		state: 'rejected',
		rejection: reply,
		lastError: 'message' in reply ? reply.message : null
	});
	if (e.kind === 'application.submit') {
		await deviceDb.applications.update(e.applicationId, {
			status: 'rejected',
			updatedAt: Date.now()
		});
	}
}
