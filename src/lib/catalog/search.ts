import type { CatalogSnapshot, Matter, Point } from './types';

interface Entry<T> {
	item: T;
	zh: string;
	en: string;
	pinyin: string;
	initials: string;
	extra: string;
}

export interface SearchIndex {
	matters: Entry<Matter>[];
	points: Entry<Point>[];
}

export interface SearchFilters {
	category?: string;
	department?: string;
	town?: string;
}

export interface SearchResult {
	matters: Matter[];
	points: Point[];
	/** Found in all, before `limit` cut the lists. */
	matterTotal: number;
	pointTotal: number;
}

/** Lower-cased keys of every matter and point, built once when the device's catalogue loads. */
export function buildSearchIndex(catalog: CatalogSnapshot): SearchIndex {
	const towns = new Map(catalog.towns.map((t) => [t.id, t]));
	return {
		matters: catalog.matters.map((m) => ({
			item: m,
			zh: m.name.zh,
			en: m.name.en.toLowerCase(),
			pinyin: m.pinyin,
			initials: m.initials,
			extra: m.code.toLowerCase()
		})),
		points: catalog.points.map((p) => {
			const town = towns.get(p.townId);
			return {
				item: p,
				zh: p.name.zh,
				en: p.name.en.toLowerCase(),
				pinyin: p.pinyin,
				initials: p.initials,
				extra: town ? `${town.name.zh} ${town.name.en.toLowerCase()}` : ''
			};
		})
	};
}

/**
 * Matters and points whose Chinese name, English name, whole pinyin or pinyin initials hold the
 * query (points also by town), best matches first: name starts with it, then initials, then pinyin.
 */
export function search(
	index: SearchIndex,
	query: string,
	filters: SearchFilters = {},
	limit = 30
): SearchResult {
	const q = query.trim().toLowerCase();
	const latin = q.replace(/[\s']/g, '');
	const matters = rank(
		index.matters.filter(
			(e) =>
				(!filters.category || e.item.categoryId === filters.category) &&
				(!filters.department || e.item.departmentId === filters.department)
		),
		q,
		latin
	);
	const points =
		filters.category || filters.department
			? []
			: rank(
					index.points.filter((e) => !filters.town || e.item.townId === filters.town),
					q,
					latin,
					!!filters.town
				);
	return {
		matters: matters.slice(0, limit),
		points: points.slice(0, limit),
		matterTotal: matters.length,
		pointTotal: points.length
	};
}

function rank<T>(entries: Entry<T>[], q: string, latin: string, allWhenEmpty = true): T[] {
	if (!q) return allWhenEmpty ? entries.map((e) => e.item) : [];
	const scored: { item: T; score: number; order: number }[] = [];
	for (let i = 0; i < entries.length; i++) {
		const score = scoreOf(entries[i]!, q, latin);
		if (score >= 0) scored.push({ item: entries[i]!.item, score, order: i });
	}
	scored.sort((a, b) => a.score - b.score || a.order - b.order);
	return scored.map((s) => s.item);
}

function scoreOf(e: Entry<unknown>, q: string, latin: string): number {
	if (e.zh.startsWith(q)) return 0;
	if (latin && e.initials.startsWith(latin)) return 1;
	if (latin && e.pinyin.startsWith(latin)) return 2;
	if (e.zh.includes(q)) return 3;
	if (e.en.startsWith(q)) return 4;
	if (latin.length > 1 && (e.initials.includes(latin) || e.pinyin.includes(latin))) return 5;
	if (e.en.includes(q) || e.extra.includes(q)) return 6;
	return -1;
}
