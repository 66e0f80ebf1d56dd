import { createHash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { imageSize } from 'image-size';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { MAX_BLOB_BYTES } from '$lib/schemas/ops';
import { deviceFromRequest } from '../auth/devices';
import type { Connection, DatabaseKind } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { readLimited } from '../http/body';
import { apiError } from '../http/errors';
import { refuseOverLimit } from '../http/rate-limits';
import type { Tx } from '../db/transaction';
import { recordChange } from '../sync/changes';
import { isAwaited, pendingBytes, receiveAwaited, storeBlob, type StoredPhoto } from './store';

export const noStore = { 'Cache-Control': 'no-store' };
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

export type Uploader = NonNullable<Awaited<ReturnType<typeof deviceFromRequest>>>;
export interface UploadOptions {
	now?: Date;
	pendingLimit?: number;
}

/**
 * What every upload request checks first: a device's token, its upload rate, the photo's name
 * and its declared type. The device and the type, or the answer that refuses the request.
 */
export async function uploadPrelude(
	conn: Connection,
	request: Request,
	sha256: string,
	options: { typed: boolean } = { typed: true }
): Promise<{ device: Uploader; type: string } | { refused: Response }> {
	const device = await deviceFromRequest(conn.db, request);
	if (!device) {
		return {
			refused: apiError(401, 'unauthorized', m.err_unauthorized(), [], {
				'WWW-Authenticate': 'Bearer',
				...noStore
			})
		};
	}
	const limited = await refuseOverLimit('uploads', device.id);
	if (limited) return { refused: limited };
	if (!/^[0-9a-f]{64}$/.test(sha256)) {
		return {
			refused: apiError(400, 'invalid_input', m.err_format({ field: 'sha256' }), [
				{ field: 'sha256', message: m.err_format({ field: 'sha256' }) }
			])
		};
	}
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (options.typed && !TYPES[type]) {
		return {
			refused: apiError(415, 'not_an_image', m.err_not_image(), [
				{ field: 'contentType', message: m.err_not_image() }
			])
		};
	}
	return { device, type };
}

/** Why these complete bytes cannot be stored under this name and type, as the answer; or null. */
export function completeProblem(body: Uint8Array, sha256: string, type: string): Response | null {
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
	return null;
}

/** Whether the device may keep `bytes` more of photos no application waits for. */
export async function withinQuota(
	tx: Tx,
	deviceId: string,
	sha256: string,
	bytes: number,
	limit: number
): Promise<boolean> {
	// A photo an application already waits for joins it at once: it takes nothing from the quota.
	return (
		(await isAwaited(tx, deviceId, sha256)) || (await pendingBytes(tx, deviceId)) + bytes <= limit
	);
}

/** Stores a device's complete photo and attaches it to the applications that waited for it. */
export async function keepBlob(
	tx: Tx,
	kind: DatabaseKind,
	deviceId: string,
	blob: StoredPhoto,
	now: Date
): Promise<{ created: boolean }> {
	const result = await storeBlob(tx, deviceId, blob, now);
	for (const app of await receiveAwaited(tx, deviceId, blob.sha256, now)) {
		await recordChange(tx, kind, app.deviceId, app.id, now);
	}
	return result;
}

export function tooLargeRefusal(): Response {
	return apiError(413, 'too_large', m.err_blob_too_large(), [
		{ field: 'body', message: m.err_blob_too_large() }
	]);
}

export function quotaRefusal(limit: number): Response {
	const message = m.err_blob_quota({ mb: Math.round(limit / 1024 / 1024) });
	return apiError(429, 'blob_quota', message, [{ field: 'body', message }], {
		'Retry-After': '3600',
		...noStore
	});
}

/**
 * `PUT /api/blobs/<sha256>`: stores a photo for this device; its hash must match its bytes and
 * its header must be an image's. `201` when this device had not uploaded it before.
 */
export async function handleBlobPut(
	conn: Connection,
	request: Request,
	sha256: string,
	options: UploadOptions = {}
): Promise<Response> {
	const prelude = await uploadPrelude(conn, request, sha256);
	if ('refused' in prelude) return prelude.refused;
	const { device, type } = prelude;
	const body = await readLimited(request, MAX_BLOB_BYTES);
	if (!body) return tooLargeRefusal();
	const problem = completeProblem(body, sha256, type);
	if (problem) return problem;
	const limit = options.pendingLimit ?? pendingLimitBytes();
	const now = options.now ?? new Date();
	const stored = await writeTransaction(conn, async (tx) => {
		if (!(await withinQuota(tx, device.id, sha256, body.byteLength, limit))) return null;
		return keepBlob(tx, conn.kind, device.id, { sha256, contentType: type, bytes: body }, now);
	});
	if (!stored) return quotaRefusal(limit);
	return json(
		{ sha256, size: body.byteLength },
		{ status: stored.created ? 201 : 200, headers: noStore }
	);
}
