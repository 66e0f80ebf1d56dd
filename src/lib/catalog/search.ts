import { nearMatch, nearQuery, type NearQuery } from './near-match';
import type { CatalogSnapshot, Matter, Point } from './types';

/** How an entry matched, best first; results are ranked by it, then in the catalogue's order. */
const Rank = {
	nameExact: 0,
	namePrefix: 1,
	nameContains: 2,
	aliasExact: 3,
	aliasPrefix: 4,
	aliasContains: 5,
	pinyinPrefix: 6,
	pinyinContains: 7,
	oneTypo: 8,
	guide: 9
} as const;

/** A name or an alias, lower-cased; as words (a space before each) to find latin at word starts. */
interface Key {
	text: string;
	words: string;
	/** Holds Chinese; holds anything else. A query is only looked for in a key of its kind. */
	hasHan: boolean;
	hasOther: boolean;
}

interface Entry<T> {
	item: T;
	names: Key[];
	aliases: Key[];
	/** Every alias as text and as words: one test passes over most entries. */
	aliasText: string;
	/** Whole pinyin and initials of the name, then of each alias in turn. */
	pinyin: string[];
	/** The same, each after a space: `includes(' ' + q)` finds a key that starts with `q`. */
	pinyinText: string;
	/** Where a query with a wrong character may be found: name, then each alias ('' if not). */
	near: { han: string[]; latin: string[]; words: string[] } | null;
	/** Guide text (matters) or town (points): the Chinese lower-cased, the English as words. */
	guide: { han: string; words: string };
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

/** An alias as written, with its pinyin ('' for one without Chinese). */
export interface FoundAlias {
	text: string;
	pinyin: string;
}

export interface SearchResult {
	matters: Matter[];
	points: Point[];
	/** The alias each shown matter was found by, when it was found by one rather than its name. */
	aliasOf: Map<string, FoundAlias>;
	/** Found in all, before `limit` cut the lists. */
	matterTotal: number;
	pointTotal: number;
	/** Chinese that matched nothing as written was found by its sound, spelt so ('dibao'). */
	bySound?: string;
}

const HAN = /\p{Script=Han}/u;

const words = (text: string) => ` ${text.replace(/[^\p{L}\p{N}]+/gu, ' ')}`;
/** Latin without its marks: "Lügezhuang" is found as typed on a keyboard without ü, "lugezhuang". */
const unmarked = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const key = (text: string): Key => {
	const lower = unmarked(text.trim().toLowerCase());
	return {
		text: lower,
		words: words(lower),
		hasHan: HAN.test(lower),
		hasOther: /[^\p{Script=Han}\s]/u.test(lower)
	};
};

/**
 * Every key search compares a query with, built once when the device's catalogue loads, so that a
 * keystroke only compares strings.
 */
export function buildSearchIndex(catalog: CatalogSnapshot): SearchIndex {
	const towns = new Map(catalog.towns.map((t) => [t.id, t]));
	return {
		matters: catalog.matters.map((m) => {
			// A copy saved on the device before aliases existed has none.
			const aliases = m.aliases ?? [];
			const aliasKeys = aliases.map(key);
			const aliasPinyin = aliases.map((_, i) => m.aliasPinyin?.[i] ?? '');
			const pinyin = [m.pinyin, m.initials];
			aliases.forEach((_, i) => pinyin.push(aliasPinyin[i]!, m.aliasInitials?.[i] ?? ''));
			const [zh, en] = [key(m.name.zh), key(m.name.en)];
			return {
				item: m,
				names: [zh, en],
				aliases: aliasKeys,
				aliasText: aliasKeys.map((k) => `${k.text}\n${k.words}`).join('\n'),
				pinyin,
				pinyinText: ` ${pinyin.join(' ')}`,
				near: {
					han: [zh.text, ...aliasKeys.map((k) => (k.hasHan ? k.text : ''))],
					latin: [m.pinyin, ...aliasPinyin],
					words: [en.words, ...aliasKeys.map((k) => (k.hasHan ? '' : k.words))]
				},
				guide: {
					han: [m.summary.zh, ...m.conditions.map((c) => c.zh)].join('\n').toLowerCase(),
					words: words(
						unmarked(
							[m.summary.en, ...m.conditions.map((c) => c.en), m.code].join(' ').toLowerCase()
						)
					)
				}
			};
		}),
		points: catalog.points.map((p) => {
			const town = towns.get(p.townId);
			return {
				item: p,
				names: [key(p.name.zh), key(p.name.en)],
				aliases: [],
				aliasText: '',
				pinyin: [p.pinyin, p.initials],
				pinyinText: ` ${p.pinyin} ${p.initials}`,
				near: null,
				guide: {
					han: town?.name.zh ?? '',
					words: words(unmarked(town?.name.en.toLowerCase() ?? ''))
				}
			};
		})
	};
}

/**
 * Matters and points whose name, alias, whole pinyin or pinyin initials hold the query, or that
 * hold it with one character wrong (matters), or whose guide text (points: town) holds it; ranked
 * by `Rank`, then in the catalogue's order. Chinese of two characters or more that matches nothing
 * is looked for again by its sound, when `soundOf` is given: a resident's input method offers
 * characters by sound, and the wrong one of the same sound (底保 for 低保) is a common slip.
 */
export function search(
	index: SearchIndex,
	query: string,
	filters: SearchFilters = {},
	limit = 30,
	soundOf?: (text: string) => string | null
): SearchResult {
	const found = searchAsWritten(index, parseQuery(query), filters, limit);
	if (found.matterTotal || found.pointTotal || !soundOf) return found;
	const bare = query.replace(/\s+/g, '');
	if (bare.length < 2 || !HAN.test(bare)) return found;
	const sound = soundOf(bare);
	if (!sound) return found;
	const bySound = searchAsWritten(index, parseQuery(sound), filters, limit);
	return bySound.matterTotal || bySound.pointTotal ? { ...bySound, bySound: sound } : found;
}

function searchAsWritten(
	index: SearchIndex,
	q: Query | null,
	filters: SearchFilters,
	limit: number
): SearchResult {
	const matters = rank(
		index.matters.filter(
			(e) =>
				(!filters.category || e.item.categoryId === filters.category) &&
				(!filters.department || e.item.departmentId === filters.department)
		),
		q,
		limit
	);
	const points =
		filters.category || filters.department
			? { found: [], total: 0 }
			: rank(
					index.points.filter((e) => !filters.town || e.item.townId === filters.town),
					q,
					limit,
					!!filters.town
				);
	const aliasOf = new Map<string, FoundAlias>();
	for (const { source, item } of matters.found) {
		if (source > 0)
			aliasOf.set(item.id, {
				text: item.aliases[source - 1]!,
				pinyin: item.aliasPinyin?.[source - 1] ?? ''
			});
	}
	return {
		matters: matters.found.map((f) => f.item),
		points: points.found.map((f) => f.item),
		aliasOf,
		matterTotal: matters.total,
		pointTotal: points.total
	};
}

interface Query {
	/** Trimmed, lower-cased, one space between words. */
	text: string;
	/** Its words, one space between each, to find at word starts. */
	words: string;
	/** Holds Chinese characters: found anywhere in a text, not only at word starts. */
	han: boolean;
	/** Whether it may be found past the start of a text: not a single latin letter. */
	inside: boolean;
	/** Letters only, without spaces, tone marks or tone numbers, ü as v: as pinyin; '' if not. */
	latin: string;
	/** The query for each kind of key in `Entry.near`; null when too short. */
	near: { han: NearQuery | null; latin: NearQuery | null; words: NearQuery | null };
	/** Whether a latin query with one wrong character may be found inside a word. */
	nearAnywhere: boolean;
	/** Long enough to look for in guide text (latin: at word starts). */
	guide: boolean;
}

/**
 * From how many characters a query may have one wrong, then also one missing or extra, and (latin)
 * be found inside a word: shorter ones would match too much. A Chinese character says more than a
 * letter.
 */
const NEAR = { han: { wrong: 3, missing: 4 }, latin: { wrong: 4, missing: 5, inside: 6 } };

function parseQuery(query: string): Query | null {
	// NFKC: letters and digits typed full width (ＧＴＧＳＨ), as input methods may leave them.
	const text = query
		.normalize('NFKC')
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ')
		// An input method's space between Chinese characters divides no words.
		.replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
	if (!text) return null;
	const han = HAN.test(text);
	const pinyin = text
		.normalize('NFD')
		.replace(/u\u0308/g, 'v')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/([a-z])[1-5]/g, '$1')
		.replace(/[\s'’-]/g, '');
	const latin = !han && /^[a-z]+$/.test(pinyin) ? pinyin : '';
	// Names are compared without marks; pinyin keeps ü as v, which says it.
	const plain = unmarked(text);
	const asWords = words(plain).trim();
	const bare = plain.replace(/ /g, '');
	return {
		text: plain,
		words: asWords,
		han,
		inside: han || bare.length > 1,
		latin,
		near: {
			han: han ? near(bare, NEAR.han) : null,
			latin: near(latin, NEAR.latin),
			words: han ? null : near(asWords, NEAR.latin)
		},
		nearAnywhere: latin.length >= NEAR.latin.inside,
		guide: bare.length >= (han ? 2 : 4)
	};
}

function near(text: string, from: { wrong: number; missing: number }): NearQuery | null {
	if (text.length < from.wrong) return null;
	return nearQuery(text, text.length >= from.missing ? 1 : 0);
}

/** How an entry matched: its rank, and where: 0 the name (or other text), 1… an alias. */
interface Match {
	rank: number;
	source: number;
}

interface Found<T> {
	item: T;
	/** Where it matched: 0 the name (or other text), 1… an alias. */
	source: number;
}

/**
 * The best `limit` entries that match, by rank then in the catalogue's order, and how many match.
 * Ranks are few: a list per rank, in the order entries come, stands for a sort of every match
 * (a single letter matches most of a catalogue), and none needs more than `limit`.
 */
function rank<T>(
	entries: Entry<T>[],
	q: Query | null,
	limit: number,
	allWhenEmpty = true
): { found: Found<T>[]; total: number } {
	if (!q) {
		if (!allWhenEmpty) return { found: [], total: 0 };
		const found = entries.slice(0, limit).map((e) => ({ item: e.item, source: 0 }));
		return { found, total: entries.length };
	}
	const byRank: Found<T>[][] = [];
	let total = 0;
	for (const entry of entries) {
		const match = matchOf(entry, q);
		if (!match) continue;
		total++;
		const list = (byRank[match.rank] ??= []);
		if (list.length < limit) list.push({ item: entry.item, source: match.source });
	}
	return { found: byRank.flat().slice(0, limit), total };
}

function matchOf(e: Entry<unknown>, q: Query): Match | null {
	const name = bestTextRank(e.names, q);
	if (name) return { rank: Rank.nameExact + name.rank, source: 0 };

	if (e.aliases.length && e.aliasText.includes(q.han ? q.text : q.words)) {
		const alias = bestTextRank(e.aliases, q);
		if (alias) return { rank: Rank.aliasExact + alias.rank, source: alias.source + 1 };
	}

	if (q.latin && e.pinyinText.includes(q.latin)) {
		const prefix = e.pinyinText.includes(` ${q.latin}`);
		if (prefix || q.inside) {
			let i = 0;
			while (!(prefix ? e.pinyin[i]!.startsWith(q.latin) : e.pinyin[i]!.includes(q.latin))) i++;
			return { rank: prefix ? Rank.pinyinPrefix : Rank.pinyinContains, source: i >> 1 };
		}
	}

	const near = e.near ? nearSource(e.near, q) : -1;
	if (near >= 0) return { rank: Rank.oneTypo, source: near };

	if (q.guide && (q.han ? e.guide.han.includes(q.text) : atWordStart(e.guide.words, q.words))) {
		return { rank: Rank.guide, source: 0 };
	}
	return null;
}

/** The best `textRank` among keys, and which key (by index), or null when none holds the query. */
function bestTextRank(keys: Key[], q: Query): Match | null {
	let best: Match | null = null;
	for (let i = 0; i < keys.length; i++) {
		const r = textRank(keys[i]!, q);
		if (r >= 0 && (!best || r < best.rank)) best = { rank: r, source: i };
	}
	return best;
}

/** 0 exact, 1 prefix, 2 contains (a latin query: at a word start), -1 not at all. */
function textRank(k: Key, q: Query): number {
	if (q.han ? !k.hasHan : !k.hasOther) return -1;
	if (k.text === q.text) return 0;
	if (k.text.startsWith(q.text)) return 1;
	if (q.inside && (q.han ? k.text.includes(q.text) : atWordStart(k.words, q.words))) return 2;
	return -1;
}

/**
 * Whether `query` starts where a word of `words` (a space before each) does. Looks for the query's
 * first letter, not for the space before it, which is everywhere.
 */
function atWordStart(words: string, query: string): boolean {
	for (let i = words.indexOf(query); i > 0; i = words.indexOf(query, i + 1)) {
		if (words[i - 1] === ' ') return true;
	}
	return false;
}

/** Which of the name (0) or aliases (1…) holds the query with one character wrong, or -1. */
function nearSource(keys: NonNullable<Entry<unknown>['near']>, q: Query): number {
	const { han, latin, words } = q.near;
	let i = han ? nearIndex(keys.han, han, true) : -1;
	if (i < 0 && latin) i = nearIndex(keys.latin, latin, q.nearAnywhere);
	if (i < 0 && words) i = nearIndex(keys.words, words, q.nearAnywhere);
	return i;
}

function nearIndex(keys: string[], query: NearQuery, anywhere: boolean): number {
	for (let i = 0; i < keys.length; i++) {
		if (keys[i] && nearMatch(keys[i]!, query, anywhere)) return i;
	}
	return -1;
}
