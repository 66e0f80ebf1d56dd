import type { CompactCatalog } from './compact';

const COLLECTIONS = ['categories', 'departments', 'towns', 'points', 'matters', 'bundles'] as const;
type Collection = (typeof COLLECTIONS)[number];
type Keyed = 'rules' | 'hours';

/**
 * What turns the catalogue of version `from` into version `version`: entries added or changed,
 * entries removed, the new order of a list when it is not the old order with those applied, and
 * shared rules and hours by key (null: gone). Unchanged entries are not sent.
 */
export interface CatalogDelta {
	format: 2;
	from: string;
	version: string;
	generatedAt: string;
	upsert: Partial<Record<Collection, { id: string }[]>>;
	remove: Partial<Record<Collection, string[]>>;
	order: Partial<Record<Collection, string[]>>;
	patch: Partial<Record<Keyed, Record<string, unknown>>>;
	calendar?: CompactCatalog['calendar'];
}

export const isDelta = (body: object): body is CatalogDelta => 'from' in body && 'upsert' in body;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffCatalog(old: CompactCatalog, next: CompactCatalog): CatalogDelta {
	const delta: CatalogDelta = {
		format: 2,
		from: old.version,
		version: next.version,
		generatedAt: next.generatedAt,
		upsert: {},
		remove: {},
		order: {},
		patch: {}
	};
	for (const name of COLLECTIONS) {
		const before = new Map<string, unknown>(old[name].map((x) => [x.id, x]));
		const after = next[name] as { id: string }[];
		const changed = after.filter((x) => !same(before.get(x.id), x));
		const kept = new Set(after.map((x) => x.id));
		const gone = [...before.keys()].filter((id) => !kept.has(id));
		if (changed.length) delta.upsert[name] = changed;
		if (gone.length) delta.remove[name] = gone;
		const ids = after.map((x) => x.id);
		if (!same(mergedOrder(old[name], gone, changed), ids)) delta.order[name] = ids;
	}
	for (const name of ['rules', 'hours'] as const) {
		const patch: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(next[name]))
			if (!same(old[name][key], value)) patch[key] = value;
		for (const key of Object.keys(old[name])) if (!(key in next[name])) patch[key] = null;
		if (Object.keys(patch).length) delta.patch[name] = patch;
	}
	if (!same(old.calendar, next.calendar)) delta.calendar = next.calendar;
	return delta;
}

export function applyDelta(old: CompactCatalog, delta: CatalogDelta): CompactCatalog {
	if (old.version !== delta.from) throw new Error(`delta from ${delta.from} to ${old.version}`);
	const next = { ...old, version: delta.version, generatedAt: delta.generatedAt } as CompactCatalog;
	for (const name of COLLECTIONS) {
		const gone = delta.remove[name] ?? [];
		const changed = delta.upsert[name] ?? [];
		const byId = new Map<string, { id: string }>(old[name].map((x) => [x.id, x]));
		for (const x of changed) byId.set(x.id, x);
		const ids = delta.order[name] ?? mergedOrder(old[name], gone, changed);
		(next as unknown as Record<Collection, unknown[]>)[name] = ids.map((id) => byId.get(id)!);
	}
	for (const name of ['rules', 'hours'] as const) {
		const merged: Record<string, unknown> = { ...old[name] };
		for (const [key, value] of Object.entries(delta.patch[name] ?? {})) {
			if (value === null) delete merged[key];
			else merged[key] = value;
		}
		(next as unknown as Record<Keyed, unknown>)[name] = merged;
	}
	if (delta.calendar) next.calendar = delta.calendar;
	return next;
}

/** The old order without the removed entries, new entries at the end. */
function mergedOrder(old: { id: string }[], gone: string[], changed: { id: string }[]): string[] {
	const removed = new Set(gone);
	const ids = old.map((x) => x.id).filter((id) => !removed.has(id));
	const present = new Set(ids);
	for (const x of changed) if (!present.has(x.id)) ids.push(x.id);
	return ids;
}
