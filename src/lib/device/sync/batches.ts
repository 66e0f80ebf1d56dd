import { MAX_OPS_PER_REQUEST } from '$lib/schemas/ops';
import { deviceDb, type OutboxEntry } from '../db';
import { refuse } from './settle';
import { call, Refused, TooLarge } from './transport';
import { uploadInChunks } from './upload';

/** Keeps a batch under the server's 2 MB, with room for the envelope. */
const MAX_BATCH_BYTES = 1.5 * 1024 * 1024;
/**
 * Photos uploaded ahead of one batch: well under what the server keeps of a device's photos
 * that no application names yet, so a long queue of photographed applications never hits it.
 */
const MAX_BATCH_PHOTO_BYTES = 30 * 1024 * 1024;

const attachmentsOf = (e: OutboxEntry) =>
	(e.payload.attachments as { sha256: string; size?: number }[] | undefined) ?? [];

/**
 * The next entries to send, oldest first: not those held back in this flush or waiting out their
 * own retry time (unless `force`), nor any entry behind one of those on the same application.
 */
export async function nextBatch(options: {
	force: boolean;
	held: Set<string>;
	now?: number;
}): Promise<OutboxEntry[]> {
	const now = options.now ?? Date.now();
	const blocked = new Set<string>();
	const batch: OutboxEntry[] = [];
	let bytes = 0;
	let photoBytes = 0;
	let full = false;
	// Entries of one state come in key order (oldest first); reading stops once the batch is full,
	// so a batch costs the same however long the outbox is.
	await deviceDb.outbox
		.where('state')
		.equals('waiting')
		.until(() => full)
		.each((e) => {
			const later = !options.force && (e.notBefore ?? 0) > now;
			if (options.held.has(e.opId) || later || blocked.has(e.applicationId)) {
				blocked.add(e.applicationId);
				return;
			}
			const size = JSON.stringify(e.payload).length;
			const photos = attachmentsOf(e).reduce((sum, a) => sum + (a.size ?? 0), 0);
			full =
				batch.length > 0 &&
				(batch.length >= MAX_OPS_PER_REQUEST ||
					bytes + size > MAX_BATCH_BYTES ||
					photoBytes + photos > MAX_BATCH_PHOTO_BYTES);
			if (full) return;
			batch.push(e);
			bytes += size;
			photoBytes += photos;
			full = batch.length >= MAX_OPS_PER_REQUEST;
		});
	return batch;
}

/** When the soonest entry waiting out its own retry time may go; null when none waits so. */
export async function nextDue(now = Date.now()): Promise<number | null> {
	let soonest: number | null = null;
	await deviceDb.outbox
		.where('state')
		.equals('waiting')
		.each((e) => {
			if (e.notBefore && e.notBefore > now) soonest = Math.min(soonest ?? Infinity, e.notBefore);
		});
	return soonest;
}

/**
 * Uploads first the photos of the entries the server asked for them (`PUT` is idempotent), and
 * returns the entries ready to send: every other entry goes without waiting for its photos, which
 * follow once the server has it (`uploadDuePhotos`). A photo the server refuses for good (not an
 * image, too large) refuses the entries that name it, with the server's words.
 */
export async function uploadBlobs(
	fetchFn: typeof fetch,
	auth: Record<string, string>,
	batch: OutboxEntry[],
	photosFirst: Set<string>
): Promise<OutboxEntry[]> {
	const refused = new Map<string, { code: string; message: string }>();
	const hashes = new Set(
		batch
			.filter((e) => photosFirst.has(e.opId))
			.flatMap((e) => attachmentsOf(e).map((a) => a.sha256))
	);
	for (const sha256 of hashes) {
		const stored = await deviceDb.blobs.get(sha256);
		if (!stored || stored.uploaded) continue;
		try {
			await call(fetchFn, `/api/blobs/${sha256}`, {
				method: 'PUT',
				headers: { ...auth, 'content-type': stored.contentType },
				body: stored.blob
			});
		} catch (error) {
			if (!(error instanceof Refused || error instanceof TooLarge)) throw error;
			refused.set(sha256, {
				code: error instanceof Refused ? (error.code ?? 'refused') : 'too_large',
				message: error.message
			});
			continue;
		}
		await deviceDb.blobs.update(sha256, { uploaded: 1 });
	}
	const ready: OutboxEntry[] = [];
	for (const e of batch) {
		const problem = attachmentsOf(e)
			.map((a) => refused.get(a.sha256))
			.find(Boolean);
		if (problem) await refuse(e, problem);
		else ready.push(e);
	}
	return ready;
}

/**
 * Uploads the photos of applications the server has already taken, oldest first, in chunks that
 * resume after a cut; each leaves the device once the server has it. One the server refuses for good is kept with its words, not sent
 * again. A failed connection stops here (the flush backs off).
 */
export async function uploadDuePhotos(
	fetchFn: typeof fetch,
	auth: Record<string, string>
): Promise<number> {
	let sent = 0;
	for (const sha256 of await deviceDb.blobs.where('due').equals(1).primaryKeys()) {
		const stored = await deviceDb.blobs.get(sha256);
		if (!stored || stored.refused) continue;
		try {
			await uploadInChunks(fetchFn, auth, stored);
		} catch (error) {
			if (!(error instanceof Refused || error instanceof TooLarge)) throw error;
			await deviceDb.blobs.update(sha256, { refused: error.message });
			continue;
		}
		await deviceDb.blobs.delete(sha256);
		sent++;
	}
	return sent;
}
