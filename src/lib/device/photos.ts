import type { Material } from '$lib/catalog/types';
import { tr } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { ApplicationForm } from './application-form.svelte';
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

/**
 * What the reader is told of a photo picked for a material that another material of the same
 * application already has: one photo goes with one material.
 */
export function usedFor(material: string): string {
	return m.apply_photo_used({ material });
}

/**
 * Adds the files picked for a material to the application form; what the reader is to be told of
 * those it did not take: no picture the phone can open, or a photo another material has.
 */
export async function addPicked(
	form: ApplicationForm,
	material: Material,
	files: Iterable<File>
): Promise<{ unreadable: string | null; used: string }> {
	const refused: string[] = [];
	let used = '';
	form.busyPhotos++;
	try {
		for (const file of files) {
			const photo = await storePhoto(material.id, photoKind(material), file).catch(() => null);
			if (!photo) {
				refused.push(file.name);
				continue;
			}
			const had = form.attachments.find((a) => a.sha256 === photo.sha256);
			if (!had) form.attachments.push(photo);
			else if (had.materialId !== material.id) {
				const other = form.materials
					.flatMap((g) => g.materials)
					.find((x) => x.id === had.materialId);
				if (other) used = usedFor(tr(other.name));
			}
		}
		form.scheduleSave();
	} finally {
		form.busyPhotos--;
	}
	return {
		unreadable: refused.length ? m.apply_photo_unreadable({ name: refused.join('、') }) : null,
		used
	};
}
