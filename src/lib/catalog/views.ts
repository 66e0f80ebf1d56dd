import { serviceClock } from '$lib/time';
import { addDays } from './dates';
import type {
	Bundle,
	CatalogSnapshot,
	Matter,
	NationalCalendar,
	Point,
	PointKind,
	Text,
	Town
} from './types';

/** A point as lists show it: without its per-matter rules or search keys. */
export type PointSummary = Omit<Point, 'services' | 'pinyin' | 'initials'>;

export function pointSummary(point: Point): PointSummary {
	const { id, townId, kind, name, address, lat, lng, phone, hours, counters, closures } = point;
	return { id, townId, kind, name, address, lat, lng, phone, hours, counters, closures };
}

/** A matter as lists show it. */
export type MatterSummary = Pick<
	Matter,
	'id' | 'name' | 'categoryId' | 'departmentId' | 'promisedDays' | 'visits'
>;

export function matterSummary({
	id,
	name,
	categoryId,
	departmentId,
	promisedDays,
	visits
}: Matter): MatterSummary {
	return { id, name, categoryId, departmentId, promisedDays, visits };
}

/** A whole matter for one page, without the keys only search needs. */
const withoutSearchKeys = (matter: Matter): Matter => ({
	...matter,
	pinyin: '',
	initials: '',
	aliasPinyin: [],
	aliasInitials: []
});

const byId = <T extends { id: string }>(list: T[], id: string) =>
	list.find((x) => x.id === id) ?? null;

/** The national calendar's days from today over the longest booking window (31 days). */
function calendarAhead(catalog: CatalogSnapshot): NationalCalendar {
	const from = serviceClock().date;
	const to = addDays(from, 31);
	const within = (days: Record<string, Text>) =>
		Object.fromEntries(Object.entries(days).filter(([date]) => date >= from && date <= to));
	return {
		holidays: within(catalog.calendar.holidays),
		workdays: within(catalog.calendar.workdays)
	};
}

/**
 * What each page shows of the catalogue, computed the same way on the server (for the first,
 * server-rendered visit) and on the device (from its own copy, with no network). A view returns
 * null when what it names does not exist.
 */
export const catalogViews = {
	home(catalog: CatalogSnapshot) {
		const centres = new Map(
			catalog.points.filter((p) => p.kind === 'centre').map((p) => [p.townId, p])
		);
		return {
			version: catalog.version,
			calendar: calendarAhead(catalog),
			towns: catalog.towns.map((town) => {
				const centre = centres.get(town.id);
				return { town, centre: centre ? pointSummary(centre) : null };
			})
		};
	},

	/** Every matter by category, for browsing before the device's search index is ready. */
	browse(catalog: CatalogSnapshot) {
		return {
			version: catalog.version,
			categories: catalog.categories,
			departments: catalog.departments,
			towns: catalog.towns,
			matters: catalog.matters.map(matterSummary),
			bundles: catalog.bundles
		};
	},

	matter(catalog: CatalogSnapshot, { id = '' }: Record<string, string>) {
		const matter = byId(catalog.matters, id);
		if (!matter) return null;
		const handledAt: Record<PointKind, number> = { centre: 0, village: 0, proxy: 0, city: 0 };
		for (const p of catalog.points) {
			if (p.services.some((s) => s.matterId === id)) handledAt[p.kind]++;
		}
		return {
			version: catalog.version,
			matter: withoutSearchKeys(matter),
			category: byId(catalog.categories, matter.categoryId),
			department: byId(catalog.departments, matter.departmentId),
			bundles: catalog.bundles.filter((b) => b.matterIds.includes(id)).map(bundleSummary),
			handledAt
		};
	},

	/** The points that handle a matter (or all of a bundle's matters), with their towns. */
	matterPoints(
		catalog: CatalogSnapshot,
		{ id = '', bundle: bundleId = '' }: Record<string, string>
	) {
		const matter = byId(catalog.matters, id);
		const bundle = bundleId ? byId(catalog.bundles, bundleId) : null;
		if (!matter || (bundleId && !bundle?.matterIds.includes(id))) return null;
		const needed = bundle ? bundle.matterIds : [id];
		return {
			version: catalog.version,
			matter: matterSummary(matter),
			bundle: bundle
				? {
						...bundleSummary(bundle),
						summary: bundle.summary,
						matters: needed
							.map((x) => byId(catalog.matters, x))
							.filter((x) => x !== null)
							.map(matterSummary)
					}
				: null,
			towns: catalog.towns,
			calendar: calendarAhead(catalog),
			points: catalog.points
				.filter((p) => needed.every((x) => p.services.some((s) => s.matterId === x)))
				.map((p) => ({ ...pointSummary(p), matterCount: p.services.length }))
		};
	},

	point(catalog: CatalogSnapshot, { id = '' }: Record<string, string>) {
		const point = byId(catalog.points, id);
		if (!point) return null;
		const handled = new Set(point.services.map((s) => s.matterId));
		return {
			version: catalog.version,
			point: pointSummary(point),
			calendar: calendarAhead(catalog),
			town: byId(catalog.towns, point.townId) as Town,
			categories: catalog.categories,
			matters: catalog.matters.filter((m) => handled.has(m.id)).map(matterSummary)
		};
	},

	/** The application form: the matter (or a bundle's matters), their fields, the point. */
	apply(
		catalog: CatalogSnapshot,
		{ matter: matterId = '', point: pointId = '', bundle: bundleId = '' }: Record<string, string>
	) {
		const bundle = bundleId ? byId(catalog.bundles, bundleId) : null;
		const ids = bundle ? bundle.matterIds : [matterId];
		const matters = ids.map((id) => byId(catalog.matters, id));
		const point = byId(catalog.points, pointId);
		const rule = point?.services.find((s) => s.matterId === matterId);
		if (!point || !rule || matters.some((x) => !x) || (bundle && !ids.includes(matterId)))
			return null;
		if (!ids.every((id) => point.services.some((s) => s.matterId === id))) return null;
		return {
			version: catalog.version,
			point: pointSummary(point),
			rule,
			bundle: bundle ? bundleSummary(bundle) : null,
			matters: (matters as Matter[]).map(withoutSearchKeys)
		};
	},

	/**
	 * What the slot page needs to lay out a point's slots for a matter, also offline; with the
	 * bundle the matter is booked for, when it is one of the bundle's.
	 */
	booking(
		catalog: CatalogSnapshot,
		{ point: pointId = '', matter: matterId = '', bundle: bundleId = '' }: Record<string, string>
	) {
		const point = byId(catalog.points, pointId);
		const matter = byId(catalog.matters, matterId);
		const rule = point?.services.find((s) => s.matterId === matterId);
		if (!point || !matter || !rule) return null;
		const bundle = bundleId ? byId(catalog.bundles, bundleId) : null;
		return {
			version: catalog.version,
			point: pointSummary(point),
			matter: matterSummary(matter),
			bundle: bundle?.matterIds.includes(matterId) ? bundleSummary(bundle) : null,
			rule,
			calendar: calendarAhead(catalog)
		};
	},

	/**
	 * What a receipt names: the matters applied for (a bundle's, when it was one) with what to bring,
	 * and the point. Whatever the catalogue no longer holds is left out; the receipt still shows.
	 */
	receipt(
		catalog: CatalogSnapshot,
		{ matter: matterId = '', bundle: bundleId = '', point: pointId = '' }: Record<string, string>
	) {
		const bundle = bundleId ? byId(catalog.bundles, bundleId) : null;
		const ids = bundle ? bundle.matterIds : bundleId ? [] : [matterId];
		const point = byId(catalog.points, pointId);
		return {
			version: catalog.version,
			matters: ids
				.map((id) => byId(catalog.matters, id))
				.filter((x) => x !== null)
				.map(withoutSearchKeys),
			point: point ? pointSummary(point) : null
		};
	}
} satisfies Record<string, (catalog: CatalogSnapshot, params: Record<string, string>) => unknown>;

function bundleSummary({ id, name, matterIds }: Bundle) {
	return { id, name, matterIds };
}

export type CatalogViewName = keyof typeof catalogViews;
export type CatalogView<N extends CatalogViewName> = ReturnType<(typeof catalogViews)[N]>;

export function isCatalogViewName(name: string): name is CatalogViewName {
	return Object.hasOwn(catalogViews, name);
}

export function runCatalogView<N extends CatalogViewName>(
	name: N,
	catalog: CatalogSnapshot,
	params: Record<string, string>
): CatalogView<N> {
	const view = catalogViews[name] as (c: CatalogSnapshot, p: Record<string, string>) => unknown;
	return view(catalog, params) as CatalogView<N>;
}
