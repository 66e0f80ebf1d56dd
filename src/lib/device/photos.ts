import type { Material } from '$lib/catalog/types';
import { m } from '$lib/paraglide/messages';
import type { Attachment } from './db';
import type { PhotoKind } from './images';

/** Photographs of a person or a place (照片, 合影) keep their colour; papers and cards go grey. */
export function photoKind(material: Pick<Material, 'name'> | undefined): PhotoKind {
	return material && /照片|合影/.test(material.name.zh) ? 'picture' : 'document';
}

/**
 * Shrinks a photo of a material and keeps it on the device until the op that names it is sent;
 * what an op's payload says of it.
 */
export async function storePhoto(
	materialId: string,
	kind: PhotoKind,
	file: Blob
): Promise<Attachment> {
	const { shrinkPhoto, sha256Hex } = await import('./images');
	const { deviceDb } = await import('./db');
	const blob = await shrinkPhoto(file, kind);
	const contentType = blob.type === 'image/webp' ? 'image/webp' : 'image/jpeg';
	const sha256 = await sha256Hex(blob);
	await deviceDb.blobs.put({ sha256, blob, contentType, size: blob.size, uploaded: 0 });
	return { sha256, materialId, contentType, size: blob.size };
}

/** What the reader is told of files picked as photos that are no picture the phone can open. */
export function unreadable(names: string[]): string {
	return m.apply_photo_unreadable({ name: names.join('、') });
}
