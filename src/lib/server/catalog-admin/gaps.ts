import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { CatalogDocument } from './document';

/**
 * What residents would miss in a catalogue that is valid all the same: a matter that lists nothing
 * to bring, one that no point handles (it can be read but not booked or applied for), a point that
 * handles nothing. Said before publishing, in the reader's language; publishing is not refused.
 */
export function catalogGaps(doc: CatalogDocument): string[] {
	const name = (entry: { zh: string; en: string }) => (getLocale() === 'en' ? entry.en : entry.zh);
	const handled = new Set(doc.points.flatMap((p) => p.services.map((s) => s.matter)));
	return [
		...doc.matters.flatMap((matter) => [
			...(matter.materials.length ? [] : [m.catalog_gap_no_materials({ matter: name(matter) })]),
			...(handled.has(matter.id) ? [] : [m.catalog_gap_no_point({ matter: name(matter) })])
		]),
		...doc.points
			.filter((point) => !point.services.length)
			.map((point) => m.catalog_gap_point_idle({ point: name(point) }))
	];
}
