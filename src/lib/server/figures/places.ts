import type { CatalogSnapshot, PointKind } from '$lib/catalog/types';
import { tr } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { isPointOfTown } from '../admin/scope';
import type { FigureFilter } from './filters';

/**
 * Where the work was done: village and proxy points, town centres, or the city hall (points of
 * kind `city`).
 */
export type Level = 'village' | 'town' | 'city';
export const LEVELS: Level[] = ['village', 'town', 'city'];

export function levelOf(kind: PointKind): Level {
	return kind === 'centre' ? 'town' : kind === 'city' ? 'city' : 'village';
}

export const levelLabel = (l: Level) =>
	l === 'village'
		? m.figures_level_village()
		: l === 'town'
			? m.figures_level_town()
			: m.figures_level_city();

/** The catalogue's points and matters, looked up by id, and how places are grouped. */
export function placeLookup(catalog: CatalogSnapshot, f: FigureFilter) {
	const points = new Map(catalog.points.map((p) => [p.id, p]));
	const towns = new Map(catalog.towns.map((t) => [t.id, t]));
	const matters = new Map(catalog.matters.map((x) => [x.id, x]));
	/**
	 * A town's figures by point; the city's by town, with the city hall a place of its own (it
	 * stands in a town, but its work is the city's).
	 */
	const town = f.townId;
	const byPoint = !!town;
	const cityPoints = catalog.points.filter((p) => p.kind === 'city').map((p) => p.id);
	return {
		byPoint,
		placeHeading: byPoint ? m.figures_point() : m.figures_town(),
		placeOf: (pointId: string): string | null => {
			const p = points.get(pointId);
			if (!p) return null;
			return byPoint || p.kind === 'city' ? p.id : p.townId;
		},
		placeName: (id: string): string => {
			const place = towns.get(id) ?? points.get(id);
			return place ? tr(place.name) : id;
		},
		placeOrder: (): string[] =>
			town
				? catalog.points.filter((p) => isPointOfTown(p, town)).map((p) => p.id)
				: [...catalog.towns.map((t) => t.id), ...cityPoints],
		levelOf: (pointId: string): Level | null => {
			const p = points.get(pointId);
			return p ? levelOf(p.kind) : null;
		},
		matterName: (id: string): string =>
			id === '' ? m.figures_walk_in() : matters.get(id) ? tr(matters.get(id)!.name) : id,
		promisedDays: (id: string): number | null => matters.get(id)?.promisedDays ?? null,
		matterOrder: (): string[] => catalog.matters.map((x) => x.id)
	};
}
