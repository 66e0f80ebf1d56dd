import { deviceDb, getMeta, setMeta, type StoredBlob } from '../db';
import { call, Refused } from './transport';

/** Bytes per request: a connection dropped mid-photo costs at most this much sent again. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;
const RATE_KEY = 'upload-rate';

/** How much of the photo the server has from this device. */
async function serverOffset(
	fetchFn: typeof fetch,
	auth: Record<string, string>,
	url: string
): Promise<number> {
	const response = await call(fetchFn, url, { method: 'HEAD', headers: auth });
	return Number(response.headers.get('upload-offset')) || 0;
}

/** The link's upload speed as last seen (bytes per second, smoothed), for the time-left estimate. */
export async function uploadRate(): Promise<number | null> {
	return (await getMeta<number>(RATE_KEY)) ?? null;
}

async function noteRate(bytes: number, ms: number): Promise<void> {
	const now = (bytes * 1000) / Math.max(ms, 1);
	const before = await uploadRate();
	await setMeta(RATE_KEY, before ? before * 0.6 + now * 0.4 : now);
}

/**
 * Uploads one photo in chunks from where the server has it (after a cut, the server says where),
 * keeping how far it has come on the device for the receipt. Resolves once the server has it all;
 * a failed connection throws as any request does, and the next try goes on from there.
 */
export async function uploadInChunks(
	fetchFn: typeof fetch,
	auth: Record<string, string>,
	stored: StoredBlob
): Promise<void> {
	const url = `/api/blobs/${stored.sha256}`;
	const total = stored.blob.size;
	const progress = (sent: number) => deviceDb.blobs.update(stored.sha256, { sent });
	let offset = stored.sent ? await serverOffset(fetchFn, auth, url) : 0;
	while (offset < total) {
		const chunk = stored.blob.slice(offset, offset + UPLOAD_CHUNK_BYTES);
		const started = Date.now();
		let response: Response;
		try {
			response = await call(fetchFn, url, {
				method: 'PATCH',
				headers: {
					...auth,
					'content-type': stored.contentType,
					'upload-offset': String(offset),
					'upload-length': String(total)
				},
				body: chunk
			});
		} catch (error) {
			if (!(error instanceof Refused && error.code === 'offset_mismatch')) throw error;
			offset = await serverOffset(fetchFn, auth, url);
			await progress(offset);
			continue;
		}
		await noteRate(chunk.size, Date.now() - started);
		if (response.status !== 204) return;
		const next = Number(response.headers.get('upload-offset'));
		offset = next > offset ? next : await serverOffset(fetchFn, auth, url);
		await progress(offset);
	}
}
