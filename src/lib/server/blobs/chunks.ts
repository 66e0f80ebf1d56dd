import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { MAX_BLOB_BYTES, MAX_UPLOAD_CHUNK_BYTES } from '$lib/schemas/ops';
import type { Connection } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { readLimited } from '../http/body';
import { fieldError } from '../http/errors';
import {
	completeProblem,
	keepBlob,
	noStore,
	overQuota,
	photoLimits,
	quotaRefusal,
	tooLargeRefusal,
	uploadPrelude,
	type PhotoLimits,
	type UploadOptions
} from './http';

type ChunkOutcome =
	| { done: { created: boolean }; size: number }
	| { mismatch: number; total: number }
	| { differs: 'Upload-Length' | 'Content-Type'; at: number; total: number; type: string }
	| { over: keyof PhotoLimits }
	| { offset: number }
	| { problem: Response };

/** Uploads in chunks one device may have under way at once. */
const MAX_OPEN_UPLOADS = 20;

const offsetHeaders = (offset: number, total: number) => ({
	'Upload-Offset': String(offset),
	'Upload-Length': String(total),
	...noStore
});

/** A whole number of bytes from a header, or null. */
function byteCount(value: string | null): number | null {
	// Up to what a number holds exactly: a length past the limit is then too large, not malformed.
	if (value === null || !/^\d{1,15}$/.test(value)) return null;
	return Number(value);
}

async function progressOf(conn: Connection, deviceId: string, sha256: string) {
	const owned = await conn.db
		.selectFrom('blob_owners')
		.select('size')
		.where('device_id', '=', deviceId)
		.where('sha256', '=', sha256)
		.executeTakeFirst();
	if (owned) return { offset: owned.size, total: owned.size };
	const partial = await conn.db
		.selectFrom('blob_uploads')
		.select(['received', 'total'])
		.where('device_id', '=', deviceId)
		.where('sha256', '=', sha256)
		.executeTakeFirst();
	return partial ? { offset: partial.received, total: partial.total } : { offset: 0, total: 0 };
}

/**
 * `HEAD /api/blobs/<sha256>`: how much of the photo the server has from this device
 * (`Upload-Offset`, of `Upload-Length`): where a cut upload goes on from.
 */
export async function handleBlobHead(
	conn: Connection,
	request: Request,
	sha256: string
): Promise<Response> {
	const prelude = await uploadPrelude(conn, request, sha256, { typed: false });
	if ('refused' in prelude) return new Response(null, { status: prelude.refused.status });
	const { offset, total } = await progressOf(conn, prelude.device.id, sha256);
	return new Response(null, { status: 204, headers: offsetHeaders(offset, total) });
}

/**
 * `PATCH /api/blobs/<sha256>` with `Upload-Offset` and `Upload-Length`: the next chunk of a photo
 * (at most 256 KB), at exactly the offset the server has reached. `204` with the new offset; the
 * chunk that completes the photo is checked as a whole upload is, and answered `201` (or `200`);
 * `409 offset_mismatch` with the server's offset when the device is ahead or behind.
 */
export async function handleBlobPatch(
	conn: Connection,
	request: Request,
	sha256: string,
	options: UploadOptions = {}
): Promise<Response> {
	const prelude = await uploadPrelude(conn, request, sha256);
	if ('refused' in prelude) return prelude.refused;
	const { device, type } = prelude;
	const offset = byteCount(request.headers.get('upload-offset'));
	const total = byteCount(request.headers.get('upload-length'));
	if (offset === null || total === null || total < 1 || offset >= total) {
		const message = m.err_format({ field: 'Upload-Offset / Upload-Length' });
		return fieldError(400, 'invalid_input', 'headers', message);
	}
	if (total > MAX_BLOB_BYTES) return tooLargeRefusal();
	const room = total - offset;
	const chunk = await readLimited(request, Math.min(MAX_UPLOAD_CHUNK_BYTES, room));
	if (!chunk && room > MAX_UPLOAD_CHUNK_BYTES) {
		const message = m.err_chunk_too_large({ kb: MAX_UPLOAD_CHUNK_BYTES / 1024 });
		return fieldError(413, 'too_large', 'body', message);
	}
	if (!chunk) {
		const message = m.err_chunk_past_length({ total });
		return fieldError(400, 'length_mismatch', 'Upload-Length', message);
	}
	if (!chunk.byteLength) {
		const message = m.err_format({ field: 'body' });
		return fieldError(400, 'invalid_input', 'body', message);
	}
	const limits = photoLimits(options);
	const now = options.now ?? new Date();
	const stamp = now.toISOString();
	const outcome = await writeTransaction(conn, async (tx): Promise<ChunkOutcome> => {
		const owned = await tx
			.selectFrom('blob_owners')
			.select('size')
			.where('device_id', '=', device.id)
			.where('sha256', '=', sha256)
			.executeTakeFirst();
		if (owned) return { done: { created: false }, size: owned.size };
		const partial = await tx
			.selectFrom('blob_uploads')
			.select(['received', 'total', 'content_type', 'sent'])
			.where('device_id', '=', device.id)
			.where('sha256', '=', sha256)
			.executeTakeFirst();
		const upload = () =>
			tx
				.updateTable('blob_uploads')
				.where('device_id', '=', device.id)
				.where('sha256', '=', sha256);
		const at = partial?.received ?? 0;
		const differs =
			partial && partial.total !== total
				? 'Upload-Length'
				: partial && partial.content_type !== type
					? 'Content-Type'
					: null;
		if (offset !== at || differs) {
			// The bytes came all the same: counted, so a device that sends a range twice shows.
			if (partial)
				await upload()
					.set({ sent: partial.sent + chunk.byteLength })
					.execute();
			if (differs) return { differs, at, total: partial!.total, type: partial!.content_type };
			return { mismatch: at, total: partial?.total ?? total };
		}
		if (!partial) {
			const open = await tx
				.selectFrom('blob_uploads')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('device_id', '=', device.id)
				.executeTakeFirstOrThrow();
			if (Number(open.n) >= MAX_OPEN_UPLOADS) return { over: 'device' };
			const bytes = { device: total, all: chunk.byteLength };
			const over = await overQuota(tx, device.id, sha256, bytes, limits);
			if (over) return { over };
			await tx
				.insertInto('blob_uploads')
				.values({
					device_id: device.id,
					sha256,
					content_type: type,
					total,
					received: chunk.byteLength,
					sent: chunk.byteLength,
					created_at: stamp,
					updated_at: stamp
				})
				.execute();
		} else {
			const bytes = { device: 0, all: chunk.byteLength };
			const over = await overQuota(tx, device.id, sha256, bytes, limits);
			if (over) return { over };
			await upload()
				.set({
					received: at + chunk.byteLength,
					sent: partial.sent + chunk.byteLength,
					updated_at: stamp
				})
				.execute();
		}
		await tx
			.insertInto('blob_upload_chunks')
			.values({ device_id: device.id, sha256, offset, data: Buffer.from(chunk) })
			.execute();
		const received = at + chunk.byteLength;
		if (received < total) return { offset: received };

		const chunks = await tx
			.selectFrom('blob_upload_chunks')
			.select('data')
			.where('device_id', '=', device.id)
			.where('sha256', '=', sha256)
			.orderBy('offset')
			.execute();
		await tx
			.deleteFrom('blob_upload_chunks')
			.where('device_id', '=', device.id)
			.where('sha256', '=', sha256)
			.execute();
		await tx
			.deleteFrom('blob_uploads')
			.where('device_id', '=', device.id)
			.where('sha256', '=', sha256)
			.execute();
		const bytes = new Uint8Array(Buffer.concat(chunks.map((c) => c.data)));
		const problem = completeProblem(bytes, sha256, type);
		if (problem) return { problem };
		const sentBytes = (partial?.sent ?? 0) + chunk.byteLength;
		const done = await keepBlob(
			tx,
			conn.kind,
			device.id,
			{ sha256, contentType: type, bytes, sentBytes },
			now
		);
		return { done, size: total };
	});
	if ('over' in outcome) return quotaRefusal(outcome.over, limits);
	if ('problem' in outcome) return outcome.problem;
	if ('differs' in outcome) {
		// Not where to go on from, but what: the upload under way is of another length or type.
		const length = outcome.differs === 'Upload-Length';
		return fieldError(
			409,
			length ? 'length_mismatch' : 'type_mismatch',
			outcome.differs,
			length
				? m.err_upload_length({ total: outcome.total })
				: m.err_upload_type({ type: outcome.type }),
			offsetHeaders(outcome.at, outcome.total)
		);
	}
	if ('mismatch' in outcome) {
		const message = m.err_upload_offset({ offset: outcome.mismatch });
		return fieldError(
			409,
			'offset_mismatch',
			'Upload-Offset',
			message,
			offsetHeaders(outcome.mismatch, outcome.total)
		);
	}
	if ('offset' in outcome) {
		return new Response(null, { status: 204, headers: offsetHeaders(outcome.offset, total) });
	}
	return json(
		{ sha256, size: outcome.size },
		{
			status: outcome.done.created ? 201 : 200,
			headers: offsetHeaders(outcome.size, outcome.size)
		}
	);
}
