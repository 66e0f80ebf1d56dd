import { createHash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { imageSize } from 'image-size';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { MAX_BLOB_BYTES } from '$lib/schemas/ops';
import { deviceFromRequest } from '../auth/devices';
import type { Connection } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { readLimited } from '../http/body';
import { apiError } from '../http/errors';
import { refuseOverLimit } from '../http/rate-limits';
import { pendingBytes, storeBlob } from './store';

const noStore = { 'Cache-Control': 'no-store' };
const MAX_SIDE = 20_000;

/** What `image-size` calls each image type the app takes. */
const TYPES: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

/** Bytes of photos a device may have uploaded that none of its applications names yet. */
export function pendingLimitBytes(): number {
	const mb = Number(env.BLOB_PENDING_LIMIT_MB);
	return (Number.isFinite(mb) && mb > 0 ? mb : 100) * 1024 * 1024;
}

/** Whether the bytes are an image of this type with sensible dimensions, read from its header. */
function imageProblem(bytes: Uint8Array, type: string): 'type' | 'size' | null {
	let size: ReturnType<typeof imageSize>;
	try {
		size = imageSize(bytes);
	} catch {
		return 'type';
	}
	if (size.type !== TYPES[type]) return 'type';
	const ok = (n: number | undefined) => !!n && n >= 1 && n <= MAX_SIDE;
	return ok(size.width) && ok(size.height) ? null : 'size';
}

/**
 * `PUT /api/blobs/<sha256>`: stores a photo for this device; its hash must match its bytes and
 * its header must be an image's. `201` when this device had not uploaded it before.
 */
export async function handleBlobPut(
	conn: Connection,
	request: Request,
	sha256: string,
	options: { now?: Date; pendingLimit?: number } = {}
): Promise<Response> {
	const device = await deviceFromRequest(conn.db, request);
	if (!device) {
		return apiError(401, 'unauthorized', m.err_unauthorized(), [], {
			'WWW-Authenticate': 'Bearer',
			...noStore
		});
	}
	const limited = await refuseOverLimit('uploads', device.id);
	if (limited) return limited;
	if (!/^[0-9a-f]{64}$/.test(sha256)) {
		return apiError(400, 'invalid_input', m.err_format({ field: 'sha256' }), [
			{ field: 'sha256', message: m.err_format({ field: 'sha256' }) }
		]);
	}
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!TYPES[type]) {
		return apiError(415, 'not_an_image', m.err_not_image(), [
			{ field: 'contentType', message: m.err_not_image() }
		]);
	}
	const body = await readLimited(request, MAX_BLOB_BYTES);
	if (!body) {
		return apiError(413, 'too_large', m.err_blob_too_large(), [
			{ field: 'body', message: m.err_blob_too_large() }
		]);
	}
	const problem = imageProblem(body, type);
	if (problem) {
		const message = problem === 'type' ? m.err_not_image() : m.err_image_size({ max: MAX_SIDE });
		return apiError(
			problem === 'type' ? 415 : 400,
			problem === 'type' ? 'not_an_image' : 'bad_image_size',
			message,
			[{ field: 'body', message }]
		);
	}
	if (createHash('sha256').update(body).digest('hex') !== sha256) {
		return apiError(400, 'hash_mismatch', m.err_hash_mismatch(), [
			{ field: 'sha256', message: m.err_hash_mismatch() }
		]);
	}
	const limit = options.pendingLimit ?? pendingLimitBytes();
	const stored = await writeTransaction(conn, async (tx) => {
		if ((await pendingBytes(tx, device.id)) + body.byteLength > limit) return null;
		const blob = { sha256, contentType: type, bytes: body };
		return storeBlob(tx, device.id, blob, options.now ?? new Date());
	});
	if (!stored) {
		const message = m.err_blob_quota({ mb: Math.round(limit / 1024 / 1024) });
		return apiError(429, 'blob_quota', message, [{ field: 'body', message }], {
			'Retry-After': '3600',
			...noStore
		});
	}
	return json(
		{ sha256, size: body.byteLength },
		{ status: stored.created ? 201 : 200, headers: noStore }
	);
}
