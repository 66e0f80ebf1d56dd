import type { Material } from '$lib/catalog/types';
import { tr } from '$lib/i18n';
import { listed } from '$lib/listed';
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

/** What the reader is to be told of the files picked that were not taken. */
interface NotTaken {
	/** Those that are no picture the phone can open, named. */
	unreadable: string | null;
	/** A photo another material already has, said at the material it was picked for. */
	used: string;
}

/**
 * Keeps the files picked for a material beside the photos `taken` already: one photo goes with
 * one material, so a photo another material has is not taken twice. `nameOf` names a material.
 */
export async function takePicked(
	taken: readonly Attachment[],
	materialId: string,
	material: Material | undefined,
	files: Iterable<File>,
	nameOf: (materialId: string) => string
): Promise<NotTaken & { added: { photo: Attachment; file: File }[] }> {
	const refused: string[] = [];
	const added: { photo: Attachment; file: File }[] = [];
	let used = '';
	for (const file of files) {
		const photo = await storePhoto(materialId, photoKind(material), file).catch(() => null);
		if (!photo) {
			refused.push(file.name);
			continue;
		}
		const had = [...taken, ...added.map((a) => a.photo)].find((a) => a.sha256 === photo.sha256);
		if (!had) added.push({ photo, file });
		else if (had.materialId !== materialId)
			used = m.apply_photo_used({ material: nameOf(had.materialId) });
	}
	return {
		added,
		unreadable: refused.length ? m.apply_photo_unreadable({ name: listed(refused) }) : null,
		used
	};
}

/** Adds the files picked for a material to the application form. */
export async function addPicked(
	form: ApplicationForm,
	material: Material,
	files: Iterable<File>
): Promise<NotTaken> {
	form.busyPhotos++;
	try {
		const named = new Map(form.materials.flatMap((g) => g.materials).map((x) => [x.id, x]));
		const { added, ...said } = await takePicked(
			form.attachments,
			material.id,
			material,
			files,
			(id) => (named.has(id) ? tr(named.get(id)!.name) : id)
		);
		form.attachments.push(...added.map((a) => a.photo));
		form.scheduleSave();
		return said;
	} finally {
		form.busyPhotos--;
	}
}
