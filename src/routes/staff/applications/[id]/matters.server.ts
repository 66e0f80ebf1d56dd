import type { CatalogSnapshot } from '$lib/catalog/types';
import type { RecordMatter } from '$lib/counter/record';

/** The catalogue's side of an application's matters: names, questions, form and materials. */
export function recordMatters(catalog: CatalogSnapshot, matterIds: string[]): RecordMatter[] {
	return matterIds
		.map((id) => catalog.matters.find((x) => x.id === id))
		.filter((x) => x !== undefined)
		.map((x) => ({
			id: x.id,
			name: x.name,
			questions: x.questions,
			materials: x.materials,
			form: x.form
		}));
}
