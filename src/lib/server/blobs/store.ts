import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';

/** A photo's complete bytes; `sentBytes`: the chunk bytes that brought them, when in chunks. */
export interface StoredPhoto {
	sha256: string;
	contentType: string;
	bytes: Uint8Array;
	sentBytes?: number;
}

/** How long a photo may wait for an application to name it before it is removed. */
export const UNATTACHED_HOURS = 24;

/** Which of these photos this device uploaded (another device's photo counts as missing). */
export async function ownBlobs(tx: Tx, deviceId: string, hashes: string[]): Promise<Set<string>> {
	if (!hashes.length) return new Set();
	const rows = await tx
		.selectFrom('blob_owners')
		.select('sha256')
		.where('device_id', '=', deviceId)
		.where('sha256', 'in', hashes)
		.execute();
	return new Set(rows.map((r) => r.sha256));
}

/**
 * Links the application to those of its photos its device uploaded, which then stop waiting; the
 * others (`await`) are noted as on their way, and join it when their bytes arrive.
 */
export async function attachPhotos(
	tx: Tx,
	deviceId: string,
	applicationId: string,
	attachments: { sha256: string; materialId: string; contentType: string; size: number }[],
	own: Set<string>,
	now: Date,
	options: { await: boolean }
): Promise<void> {
	const attached = new Set<string>();
	const awaited = new Set<string>();
	for (const a of attachments) {
		if (attached.has(a.sha256) || awaited.has(a.sha256)) continue;
		if (own.has(a.sha256)) {
			attached.add(a.sha256);
			await tx
				.insertInto('attachments')
				.values({ application_id: applicationId, sha256: a.sha256, material_id: a.materialId })
				.onConflict((oc) => oc.columns(['application_id', 'sha256']).doNothing())
				.execute();
		} else if (options.await) {
			awaited.add(a.sha256);
			await tx
				.insertInto('pending_attachments')
				.values({
					application_id: applicationId,
					sha256: a.sha256,
					material_id: a.materialId,
					device_id: deviceId,
					content_type: a.contentType,
					size: a.size,
					created_at: now.toISOString()
				})
				.onConflict((oc) => oc.columns(['application_id', 'sha256']).doNothing())
				.execute();
		}
	}
	if (!attached.size) return;
	await tx
		.updateTable('blob_owners')
		.set({ attached_at: now.toISOString() })
		.where('device_id', '=', deviceId)
		.where('sha256', 'in', [...attached])
		.where('attached_at', 'is', null)
		.execute();
}

/** Whether an application of this device waits for this photo. */
export async function isAwaited(tx: Tx, deviceId: string, sha256: string): Promise<boolean> {
	const row = await tx
		.selectFrom('pending_attachments')
		.select('application_id')
		.where('device_id', '=', deviceId)
		.where('sha256', '=', sha256)
		.executeTakeFirst();
	return !!row;
}

/**
 * A photo's bytes arrived from the device that named it: it joins the applications that waited for
 * it. Returns those applications, with the device each belongs to now.
 */
export async function receiveAwaited(
	tx: Tx,
	deviceId: string,
	sha256: string,
	now: Date
): Promise<{ id: string; deviceId: string }[]> {
	const waiting = await tx
		.selectFrom('pending_attachments as p')
		.innerJoin('applications as a', 'a.id', 'p.application_id')
		.select(['p.application_id', 'p.material_id', 'a.device_id'])
		.where('p.device_id', '=', deviceId)
		.where('p.sha256', '=', sha256)
		.execute();
	if (!waiting.length) return [];
	for (const w of waiting) {
		await tx
			.insertInto('attachments')
			.values({ application_id: w.application_id, sha256, material_id: w.material_id })
			.onConflict((oc) => oc.columns(['application_id', 'sha256']).doNothing())
			.execute();
	}
	await tx
		.deleteFrom('pending_attachments')
		.where('device_id', '=', deviceId)
		.where('sha256', '=', sha256)
		.execute();
	await tx
		.updateTable('blob_owners')
		.set({ attached_at: now.toISOString() })
		.where('device_id', '=', deviceId)
		.where('sha256', '=', sha256)
		.where('attached_at', 'is', null)
		.execute();
	return waiting.map((w) => ({ id: w.application_id, deviceId: w.device_id }));
}

/**
 * Stores a device's photo: the bytes once per hash, the ownership per device. `created` says
 * whether this device had not uploaded it before (whatever other devices did).
 */
export async function storeBlob(
	tx: Tx,
	deviceId: string,
	blob: StoredPhoto,
	now: Date
): Promise<{ created: boolean }> {
	const stamp = now.toISOString();
	await tx
		.insertInto('blobs')
		.values({
			sha256: blob.sha256,
			content_type: blob.contentType,
			size: blob.bytes.byteLength,
			data: Buffer.from(blob.bytes),
			device_id: deviceId,
			created_at: stamp
		})
		.onConflict((oc) => oc.column('sha256').doNothing())
		.execute();
	const owned = await tx
		.insertInto('blob_owners')
		.values({
			device_id: deviceId,
			sha256: blob.sha256,
			size: blob.bytes.byteLength,
			created_at: stamp,
			attached_at: null,
			sent_bytes: blob.sentBytes ?? null
		})
		.onConflict((oc) => oc.columns(['device_id', 'sha256']).doNothing())
		.executeTakeFirst();
	return { created: Number(owned.numInsertedOrUpdatedRows ?? 0) > 0 };
}

/**
 * Bytes of the photos uploaded that no application names yet, and of those being uploaded in
 * chunks: this device's, with those at their whole length (a device may not reserve past its cap
 * and fill the room later), or, without one, all devices' together, with those at what has come
 * (uploads begun and left, which cost a device nothing to begin, do not fill the room).
 */
export async function pendingBytes(tx: Tx, deviceId?: string): Promise<number> {
	let kept = tx
		.selectFrom('blob_owners')
		.select((eb) => eb.fn.sum<number>('size').as('bytes'))
		.where('attached_at', 'is', null);
	let begun = tx
		.selectFrom('blob_uploads')
		.select((eb) => eb.fn.sum<number>(deviceId === undefined ? 'received' : 'total').as('bytes'));
	if (deviceId !== undefined) {
		kept = kept.where('device_id', '=', deviceId);
		begun = begun.where('device_id', '=', deviceId);
	}
	const rows = await kept.unionAll(begun).execute();
	return rows.reduce((sum, row) => sum + Number(row.bytes ?? 0), 0);
}

/**
 * Forgets photos no application named within a day of their upload, and drops the bytes of those
 * no device owns and no application names any more. Returns how many photos' bytes went.
 */
export async function sweepBlobs(db: Kysely<Database>, now = new Date()): Promise<number> {
	const cutoff = new Date(now.getTime() - UNATTACHED_HOURS * 3_600_000).toISOString();
	// Uploads in chunks left unfinished for a day go too.
	await db
		.deleteFrom('blob_upload_chunks')
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('blob_uploads as u')
					.select(sql`1`.as('one'))
					.whereRef('u.device_id', '=', 'blob_upload_chunks.device_id')
					.whereRef('u.sha256', '=', 'blob_upload_chunks.sha256')
					.where('u.updated_at', '<', cutoff)
			)
		)
		.execute();
	await db.deleteFrom('blob_uploads').where('updated_at', '<', cutoff).execute();
	await db
		.deleteFrom('blob_owners')
		.where('attached_at', 'is', null)
		.where('created_at', '<', cutoff)
		.execute();
	const removed = await db
		.deleteFrom('blobs')
		.where('created_at', '<', cutoff)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('blob_owners')
						.select(sql`1`.as('one'))
						.whereRef('blob_owners.sha256', '=', 'blobs.sha256')
				)
			)
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('attachments')
						.select(sql`1`.as('one'))
						.whereRef('attachments.sha256', '=', 'blobs.sha256')
				)
			)
		)
		.executeTakeFirst();
	return Number(removed.numDeletedRows);
}
