import type { CatalogSnapshot, Point, SlotRule, WeeklyHours } from './types';

/** A slot rule without its matter: minutes, capacity, hours ahead at least, days ahead at most. */
export type RuleBody = [number, number, number, number];

/** A point as sent: its hours and its matters by reference, its own rules only where they differ. */
export interface CompactPoint extends Omit<Point, 'services' | 'hours'> {
	/** Key into `CompactCatalog.hours`. */
	hours: string;
	/** `*` for every matter; else a bitset over `matters` in their order, base64, empty bytes at the end left off. */
	handles: string;
	/** Matter id → this point's rule where it is not the matter's default. */
	rules?: Record<string, RuleBody>;
}

/**
 * The catalogue as it travels: a slot rule is given once per matter and repeated for no point, and
 * opening hours once per distinct week. `expandCatalog` gives back the snapshot, identical.
 */
export interface CompactCatalog extends Omit<CatalogSnapshot, 'points'> {
	format: 2;
	/** Matter id → the rule most points use for it. */
	rules: Record<string, RuleBody>;
	/** Key → a week's opening hours, shared by the points with the same. */
	hours: Record<string, WeeklyHours>;
	points: CompactPoint[];
}

const body = (r: SlotRule): RuleBody => [
	r.slotMinutes,
	r.capacity,
	r.minHoursAhead,
	r.maxDaysAhead
];
const sameBody = (a: RuleBody, b: RuleBody) => a.every((x, i) => x === b[i]);

/** A short key that stays the same for the same hours, whatever else changes in the catalogue. */
function hoursKey(hours: WeeklyHours): string {
	const text = JSON.stringify(hours);
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return (h >>> 0).toString(36);
}

export function compactCatalog(snapshot: CatalogSnapshot): CompactCatalog {
	const tally = new Map<string, Map<string, number>>();
	for (const point of snapshot.points) {
		for (const rule of point.services) {
			const counts = tally.get(rule.matterId) ?? new Map<string, number>();
			const key = body(rule).join(',');
			counts.set(key, (counts.get(key) ?? 0) + 1);
			tally.set(rule.matterId, counts);
		}
	}
	const rules: Record<string, RuleBody> = {};
	for (const [matterId, counts] of tally) {
		const [best] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
		rules[matterId] = best.split(',').map(Number) as RuleBody;
	}
	const order = new Map(snapshot.matters.map((m, i) => [m.id, i]));
	const hours: Record<string, WeeklyHours> = {};
	const points = snapshot.points.map(({ services, hours: week, ...rest }): CompactPoint => {
		const key = hoursKey(week);
		hours[key] = week;
		const own: Record<string, RuleBody> = {};
		let ownCount = 0;
		for (const rule of services) {
			if (!sameBody(body(rule), rules[rule.matterId]!)) {
				own[rule.matterId] = body(rule);
				ownCount++;
			}
		}
		// A rule for a matter not in the catalogue's list cannot go in the bitset: it goes as its own.
		const listed = services.filter((r) => order.has(r.matterId));
		for (const rule of services) {
			if (!order.has(rule.matterId)) {
				own[rule.matterId] = body(rule);
				ownCount++;
			}
		}
		const handles =
			listed.length === snapshot.matters.length && services.length === listed.length
				? '*'
				: bitset(
						listed.map((r) => order.get(r.matterId)!),
						snapshot.matters.length
					);
		return { ...rest, hours: key, handles, ...(ownCount ? { rules: own } : {}) };
	});
	return { format: 2, ...snapshot, rules, hours, points };
}

export function expandCatalog(compact: CompactCatalog): CatalogSnapshot {
	const { rules, hours, points, ...rest } = compact;
	delete (rest as Partial<CompactCatalog>).format;
	const ids = compact.matters.map((m) => m.id);
	return {
		...rest,
		points: points.map(({ hours: key, handles, rules: own, ...point }): Point => {
			const matterIds = handles === '*' ? ids : members(handles).map((i) => ids[i]!);
			const unlisted = Object.keys(own ?? {}).filter((id) => !ids.includes(id));
			const services = [...matterIds, ...unlisted]
				.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
				.map((matterId) => {
					const [slotMinutes, capacity, minHoursAhead, maxDaysAhead] =
						own?.[matterId] ?? rules[matterId]!;
					return { matterId, slotMinutes, capacity, minHoursAhead, maxDaysAhead };
				});
			return { ...point, hours: hours[key]!, services };
		})
	};
}

/** Whether a stored or received catalogue is in the compact form (a copy from before it is not). */
export const isCompact = (c: CatalogSnapshot | CompactCatalog): c is CompactCatalog =>
	(c as CompactCatalog).format === 2;

function bitset(members: number[], size: number): string {
	const bytes = new Uint8Array(Math.ceil(size / 8));
	for (const i of members) bytes[i >> 3]! |= 1 << (i & 7);
	// Without its trailing empty bytes: a matter added at the end leaves other points' sets as they were.
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	let text = '';
	for (const b of bytes.subarray(0, end)) text += String.fromCharCode(b);
	return btoa(text);
}

function members(set: string): number[] {
	const text = atob(set);
	const out: number[] = [];
	for (let byte = 0; byte < text.length; byte++) {
		const bits = text.charCodeAt(byte);
		for (let bit = 0; bit < 8; bit++) if (bits & (1 << bit)) out.push(byte * 8 + bit);
	}
	return out;
}

/**
 * A province's catalogue cut to what one phone needs first: every town, matter and rule, but only
 * the points of the given towns (its own and its neighbours'). `partial` names the towns held.
 */
export function partialCatalog(
	compact: CompactCatalog,
	townIds: string[]
): CompactCatalog & { partial: { towns: string[] } } {
	const wanted = new Set(townIds);
	const points = compact.points.filter((p) => wanted.has(p.townId));
	const hours: Record<string, WeeklyHours> = {};
	for (const p of points) hours[p.hours] = compact.hours[p.hours]!;
	const towns = compact.towns.filter((t) => wanted.has(t.id)).map((t) => t.id);
	return { ...compact, points, hours, partial: { towns } };
}

/** Adds the points of more towns, fetched on demand, to a partial copy of the same version. */
export function mergeTowns(
	held: CompactCatalog & { partial?: { towns: string[] } },
	more: CompactCatalog & { partial: { towns: string[] } }
): CompactCatalog & { partial?: { towns: string[] } } {
	if (held.version !== more.version) throw new Error('towns of another catalogue version');
	const added = new Set(more.partial.towns);
	const points = [...held.points.filter((p) => !added.has(p.townId)), ...more.points];
	// In the whole catalogue's order: by town id, then id.
	const key = (p: CompactPoint) => `${p.townId}\u0000${p.id}`;
	points.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
	const towns = [...new Set([...(held.partial?.towns ?? []), ...more.partial.towns])];
	return {
		...held,
		points,
		hours: { ...held.hours, ...more.hours },
		partial: { towns }
	};
}
