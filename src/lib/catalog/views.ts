import type { CatalogSnapshot, Point } from './types';

/** A point as lists show it: without its per-matter rules or search keys. */
export type PointSummary = Omit<Point, 'services' | 'pinyin' | 'initials'>;

export function pointSummary(point: Point): PointSummary {
	const { id, townId, kind, name, address, lat, lng, phone, hours, counters, closures } = point;
	return { id, townId, kind, name, address, lat, lng, phone, hours, counters, closures };
}

/**
 * What each page shows of the catalogue, computed the same way on the server (for the first,
 * server-rendered visit) and on the device (from its own copy, with no network).
 */
export const catalogViews = {
	home(catalog: CatalogSnapshot) {
		const centres = new Map(
			catalog.points.filter((p) => p.kind === 'centre').map((p) => [p.townId, p])
		);
		return {
			version: catalog.version,
			towns: catalog.towns.map((town) => {
				const centre = centres.get(town.id);
				return { town, centre: centre ? pointSummary(centre) : null };
			})
		};
	}
} satisfies Record<string, (catalog: CatalogSnapshot, params: Record<string, string>) => unknown>;

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
