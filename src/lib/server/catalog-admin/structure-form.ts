import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { FieldIssue } from '$lib/schemas/issues';
import type { CatalogDocument } from './document';
import { numberField, rowsOf } from './form-issues';
import { newIdIssue } from './save-entry';
import type { DocIssue, DocPath } from './validate';

export const STRUCTURES = ['towns', 'bundles', 'categories', 'departments'] as const;
export type Structure = (typeof STRUCTURES)[number];

export interface StructureForm {
	list: Record<string, unknown>[];
	/** Problems found before the schema (a new id's format), at paths in the document. */
	issues: DocIssue[];
	/** Rows ticked for removal that something still uses: nothing is saved while there are any. */
	inUse: FieldIssue[];
	/** From the document's paths back to the form's rows (a removed row shifts the rest). */
	rename: (path: DocPath) => DocPath;
}

/**
 * A list of towns, categories, departments or bundles from its form: one row `part.N.*` per entry,
 * `part.N.was` naming an entry already there (its id stays), and a row without `was` adding one
 * when anything is typed in it. A row with `remove` ticked leaves the list, unless something
 * still refers to it.
 */
export function structureFromForm(
	part: Structure,
	form: Record<string, string>,
	doc: CatalogDocument
): StructureForm {
	const issues: DocIssue[] = [];
	const inUse: FieldIssue[] = [];
	const kept: number[] = [];
	const list: Record<string, unknown>[] = [];
	// A new town goes last unless given its place.
	const lastSort = Math.max(0, ...doc.towns.map((t) => t.sort));
	for (const { n, row } of rowsOf(form, part)) {
		const get = (key: string) => row[key]?.trim() ?? '';
		const was = get('was');
		if (!was && !Object.entries(row).some(([k, value]) => k !== 'kind' && value.trim())) continue;
		if (was && row.remove) {
			const users = usersOf(part, was, doc);
			if (!users) continue;
			const name = getLocale() === 'en' ? get('en') : get('zh');
			inUse.push({ field: `${part}.${n}.remove`, message: inUseMessage(part, name, users) });
		}
		const entry: Record<string, unknown> = { id: was || get('id'), zh: get('zh'), en: get('en') };
		if (part === 'towns') {
			const sort = numberField(row.sort) ?? (was ? undefined : lastSort + 1);
			Object.assign(entry, { kind: get('kind'), sort });
		}
		if (part === 'categories') entry.ticketPrefix = get('ticketPrefix').toUpperCase();
		if (part === 'bundles') {
			const before = doc.bundles.find((b) => b.id === was)?.matters ?? [];
			const ticked = doc.matters.map((x) => x.id).filter((id) => row[`matters.${id}`]);
			Object.assign(entry, {
				summaryZh: get('summaryZh'),
				summaryEn: get('summaryEn'),
				// Matters kept stay in their order; those newly ticked follow in the catalogue's.
				matters: [
					...before.filter((id) => ticked.includes(id)),
					...ticked.filter((id) => !before.includes(id))
				]
			});
		}
		if (!was) {
			const issue = newIdIssue(entry.id as string);
			if (issue) issues.push({ ...issue, path: [part, list.length, 'id'] });
		}
		kept.push(n);
		list.push(entry);
	}
	const rename = (path: DocPath): DocPath =>
		path[0] === part && typeof path[1] === 'number'
			? [part, kept[path[1]] ?? path[1], ...path.slice(2)]
			: path;
	return { list, issues, inUse, rename };
}

/** How many entries refer to the one with this id: points to a town, matters to the others. */
function usersOf(part: Structure, id: string, doc: CatalogDocument): number {
	if (part === 'towns') return doc.points.filter((p) => p.town === id).length;
	if (part === 'categories') return doc.matters.filter((x) => x.category === id).length;
	if (part === 'departments') return doc.matters.filter((x) => x.department === id).length;
	return 0;
}

function inUseMessage(part: Structure, name: string, count: number): string {
	if (part === 'towns') return m.catalog_err_town_in_use({ name, count });
	if (part === 'categories') return m.catalog_err_category_in_use({ name, count });
	return m.catalog_err_department_in_use({ name, count });
}
