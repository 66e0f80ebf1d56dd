import type { CatalogChange, ChangedEntity } from '$lib/catalog-admin/change';
import type { CatalogDocument } from './document';

type Collection = Exclude<keyof CatalogDocument, never>;
type Item = { id: string } & Record<string, unknown>;

/**
 * What can change on its own, per kind of item: each field as the readable change list names it
 * (`diff.ts`), with the document keys it covers. A point's closures and slot rules are lists
 * whose entries (by date, by matter) change on their own too.
 */
const FIELDS: Record<Collection, Record<string, string[]>> = {
	categories: { name: ['zh', 'en'], ticketPrefix: ['ticketPrefix'] },
	departments: { name: ['zh', 'en'] },
	towns: { name: ['zh', 'en'], kind: ['kind'], sort: ['sort'] },
	points: {
		name: ['zh', 'en'],
		town: ['town'],
		kind: ['kind'],
		address: ['addressZh', 'addressEn'],
		coordinates: ['lat', 'lng'],
		phone: ['phone'],
		hours: ['hours'],
		counters: ['counters']
	},
	matters: {
		name: ['zh', 'en'],
		code: ['code'],
		category: ['category'],
		department: ['department'],
		aliases: ['aliases'],
		summary: ['summaryZh', 'summaryEn'],
		conditions: ['conditions'],
		promisedDays: ['promisedDays'],
		legalDays: ['legalDays'],
		fee: ['fee'],
		legalBasis: ['legalBasis'],
		visits: ['visits'],
		questions: ['questions'],
		materials: ['materials'],
		form: ['form']
	},
	bundles: { name: ['zh', 'en'], summary: ['summaryZh', 'summaryEn'], matters: ['matters'] }
};

/** A point's lists: the document key, the field the change list names, and an entry's key. */
const LISTS: Partial<Record<Collection, { key: string; field: string; by: string }[]>> = {
	points: [
		{ key: 'closures', field: 'closure', by: 'date' },
		{ key: 'services', field: 'service', by: 'matter' }
	]
};

const ENTITY: Record<Collection, ChangedEntity> = {
	categories: 'category',
	departments: 'department',
	towns: 'town',
	points: 'point',
	matters: 'matter',
	bundles: 'bundle'
};

const COLLECTIONS = Object.keys(FIELDS) as Collection[];

/**
 * Where both sides changed the same thing: a whole item (`field` and `entry` empty: one side
 * added, removed or changed it and the other removed or added it), one of its fields, or one
 * entry of a point's list. Written as a string, it is what a form posts back to choose.
 */
export interface ConflictSpot {
	entity: ChangedEntity;
	id: string;
	field: string;
	entry: string;
}

export const spotKey = (s: ConflictSpot): string =>
	JSON.stringify([s.entity, s.id, s.field, s.entry]);

/** Whether a change of the readable list is about this spot (or within it). */
export function changeAt(spot: ConflictSpot, c: CatalogChange): boolean {
	if (c.entity !== spot.entity || c.id !== spot.id) return false;
	if (!spot.field) return true;
	if (c.field !== spot.field) return false;
	if (!spot.entry) return true;
	const value = (c.after ?? c.before) as Record<string, unknown> | undefined;
	return String(value?.date ?? value?.matter ?? '') === spot.entry;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Brings a draft up to date: the draft's own changes (from `base` to `mine`) applied onto the
 * newest published catalogue (`theirs`). Where both changed the same spot, the newest published
 * value stays unless its key is in `keepMine`. Returns the result and every such spot.
 */
export function rebaseDocument(
	base: CatalogDocument,
	mine: CatalogDocument,
	theirs: CatalogDocument,
	keepMine: ReadonlySet<string> = new Set()
): { doc: CatalogDocument; conflicts: ConflictSpot[] } {
	const doc = structuredClone(theirs);
	const conflicts: ConflictSpot[] = [];
	/** Records a conflict; whether the draft's side is to be taken there. */
	const clash = (spot: ConflictSpot) => {
		conflicts.push(spot);
		return keepMine.has(spotKey(spot));
	};
	for (const collection of COLLECTIONS) {
		const entity = ENTITY[collection];
		const merged = mergeList(
			base[collection] as Item[],
			mine[collection] as Item[],
			doc[collection] as Item[],
			'id',
			(id) => clash({ entity, id, field: '', entry: '' }),
			(b, d, c) => {
				const out: Item = structuredClone(c);
				for (const [field, keys] of Object.entries(FIELDS[collection])) {
					const pick = (x: Item) => keys.map((k) => x[k]);
					if (same(pick(b), pick(d)) || same(pick(c), pick(d))) continue;
					if (same(pick(b), pick(c)) || clash({ entity, id: c.id, field, entry: '' })) {
						for (const k of keys) out[k] = structuredClone(d[k]);
					}
				}
				for (const list of LISTS[collection] ?? []) {
					out[list.key] = mergeList(
						b[list.key] as Item[],
						d[list.key] as Item[],
						c[list.key] as Item[],
						list.by,
						(entry) => clash({ entity, id: c.id, field: list.field, entry })
					);
				}
				return out;
			}
		);
		(doc as Record<Collection, Item[]>)[collection] = merged;
	}
	return { doc, conflicts };
}

/**
 * A three-way merge of a list whose entries have a key: `theirs` in its order, with the entries
 * the draft removed taken out, those it changed changed (`both` merges an entry that both sides
 * changed; without it that is a clash), and those it added put at the end.
 */
function mergeList(
	base: Item[],
	mine: Item[],
	theirs: Item[],
	by: string,
	clash: (key: string) => boolean,
	both?: (b: Item, d: Item, c: Item) => Item
): Item[] {
	const keyOf = (x: Item) => String(x[by]);
	const B = new Map(base.map((x) => [keyOf(x), x]));
	const D = new Map(mine.map((x) => [keyOf(x), x]));
	const out = [...theirs];
	const at = (key: string) => out.findIndex((x) => keyOf(x) === key);
	for (const key of new Set([...B.keys(), ...D.keys()])) {
		const b = B.get(key);
		const d = D.get(key);
		const i = at(key);
		const c = i >= 0 ? out[i] : undefined;
		if (same(b, d) || same(c, d)) continue;
		if (!d) {
			// Removed by the draft: gone, unless changed since.
			if (c && (same(b, c) || clash(key))) out.splice(i, 1);
		} else if (!c) {
			// Added by the draft, or changed by it and removed since.
			if (!b || clash(key)) out.push(structuredClone(d));
		} else if (!b) {
			// Added on both sides, differently.
			if (clash(key)) out[i] = structuredClone(d);
		} else if (same(b, c)) {
			out[i] = structuredClone(d);
		} else if (both) {
			out[i] = both(b, d, c);
		} else if (clash(key)) {
			out[i] = structuredClone(d);
		}
	}
	return out;
}
