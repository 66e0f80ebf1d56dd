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
import { apiError, fieldError } from '../http/errors';
import { refuseOverLimit } from '../http/rate-limits';
import type { Tx } from '../db/transaction';
import { recordChange } from '../sync/changes';
import { isAwaited, pendingBytes, receiveAwaited, storeBlob, type StoredPhoto } from './store';

export const noStore = { 'Cache-Control': 'no-store' };
const MAX_SIDE = 20_000;
/** 160 MB to decode on a counter's screen; the app's own photos are under 3 million. */
const MAX_PIXELS = 40_000_000;

/** What `image-size` calls each image type the app takes. */
const TYPES: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

const megabytes = (value: string | undefined, fallback: number) => {
	const mb = Number(value);
	return (Number.isFinite(mb) && mb > 0 ? mb : fallback) * 1024 * 1024;
};

/**
 * Bytes of photos that none of its applications names yet: that a device may have uploaded, and
 * that all devices together may (devices cost nothing to make: without it, one client making
 * devices could fill the disk).
 */
export interface PhotoLimits {
	device: number;
	all: number;
}

export function photoLimits(options: UploadOptions): PhotoLimits {
	return {
		device: options.pendingLimit ?? megabytes(env.BLOB_PENDING_LIMIT_MB, 100),
		all: options.pendingTotalLimit ?? megabytes(env.BLOB_PENDING_TOTAL_MB, 2048)
	};
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
	return ok(size.width) && ok(size.height) && size.width! * size.height! <= MAX_PIXELS
		? null
		: 'size';
}

export type Uploader = NonNullable<Awaited<ReturnType<typeof deviceFromRequest>>>;
export interface UploadOptions {
	now?: Date;
	pendingLimit?: number;
	pendingTotalLimit?: number;
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
			refused: fieldError(400, 'invalid_input', 'sha256', m.err_format({ field: 'sha256' }))
		};
	}
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (options.typed && !TYPES[type]) {
		return {
			refused: fieldError(415, 'not_an_image', 'contentType', m.err_not_image())
		};
	}
	return { device, type };
}

/** Why these complete bytes cannot be stored under this name and type, as the answer; or null. */
export function completeProblem(body: Uint8Array, sha256: string, type: string): Response | null {
	const problem = imageProblem(body, type);
	if (problem) {
		const message =
			problem === 'type'
				? m.err_not_image()
				: m.err_image_size({ max: MAX_SIDE, mp: MAX_PIXELS / 1_000_000 });
		return fieldError(
			problem === 'type' ? 415 : 400,
			problem === 'type' ? 'not_an_image' : 'bad_image_size',
			'body',
			message
		);
	}
	if (createHash('sha256').update(body).digest('hex') !== sha256) {
		return fieldError(400, 'hash_mismatch', 'sha256', m.err_hash_mismatch());
	}
	return null;
}

/**
 * Which limit keeping more of photos no application waits for would pass (the device's or all
 * devices'), or null when the device may keep them: `bytes.device` more of the device's (none for
 * the next chunk of an upload, counted at its whole length when begun), `bytes.all` more of all.
 */
export async function overQuota(
	tx: Tx,
	deviceId: string,
	sha256: string,
	bytes: { device: number; all: number },
	limits: PhotoLimits
): Promise<keyof PhotoLimits | null> {
	// A photo an application already waits for joins it at once: it takes nothing from the quota.
	if (await isAwaited(tx, deviceId, sha256)) return null;
	if (bytes.device && (await pendingBytes(tx, deviceId)) + bytes.device > limits.device)
		return 'device';
	if ((await pendingBytes(tx)) + bytes.all > limits.all) return 'all';
	return null;
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
	return fieldError(413, 'too_large', 'body', m.err_blob_too_large());
}

export function quotaRefusal(over: keyof PhotoLimits, limits: PhotoLimits): Response {
	const message =
		over === 'device'
			? m.err_blob_quota({ mb: Math.round(limits.device / 1024 / 1024) })
			: m.err_blob_server_full();
	return fieldError(429, 'blob_quota', 'body', message, {
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
	const limits = photoLimits(options);
	const now = options.now ?? new Date();
	const stored = await writeTransaction(conn, async (tx) => {
		const bytes = body.byteLength;
		const over = await overQuota(tx, device.id, sha256, { device: bytes, all: bytes }, limits);
		if (over) return { over };
		return keepBlob(tx, conn.kind, device.id, { sha256, contentType: type, bytes: body }, now);
	});
	if ('over' in stored) return quotaRefusal(stored.over, limits);
	return json(
		{ sha256, size: body.byteLength },
		{ status: stored.created ? 201 : 200, headers: noStore }
	);
}
