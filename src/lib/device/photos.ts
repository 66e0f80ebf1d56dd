import type { Attachment } from './db';

/**
 * Shrinks a photo of a material and keeps it on the device until the op that names it is sent;
 * what an op's payload says of it.
 */
export async function storePhoto(materialId: string, file: Blob): Promise<Attachment> {
	const { shrinkPhoto, sha256Hex } = await import('./images');
	const { deviceDb } = await import('./db');
	const blob = await shrinkPhoto(file);
	const sha256 = await sha256Hex(blob);
	await deviceDb.blobs.put({
		sha256,
		blob,
		contentType: 'image/jpeg',
		size: blob.size,
		uploaded: 0
	});
	return { sha256, materialId, contentType: 'image/jpeg', size: blob.size };
}
