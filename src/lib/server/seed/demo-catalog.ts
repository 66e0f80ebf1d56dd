import * as v from 'valibot';
import type { CatalogDocument } from '../catalog-admin/document';
import { documentRows } from '../catalog-admin/rows';
import mattersJson from './data/matters.json';
import pointsJson from './data/points.json';
import type { CatalogRows } from './catalog-rows';
import { mattersFile, pointsFile, type MattersFile, type PointsFile } from './demo-schema';

/** The demo catalogue from the data files, checked and turned into rows. */
export function demoCatalogRows(): CatalogRows {
	return documentRows(
		demoDocument(v.parse(pointsFile, pointsJson), v.parse(mattersFile, mattersJson))
	);
}

/**
 * The data files as one catalogue document: the city's holidays closed at every point, and each
 * point handling the matters of its kind with the matter's slot rule (a town centre's capacity
 * counted per counter).
 */
function demoDocument(p: PointsFile, m: MattersFile): CatalogDocument {
	return {
		categories: m.categories,
		departments: m.departments,
		towns: p.towns,
		points: p.points.map((pt) => ({
			...pt,
			closures: [
				...p.holidays.map((h) => ({ date: h.date, zh: h.zh, en: h.en })),
				...p.closures
					.filter((c) => c.point === pt.id)
					.map((c) => ({ date: c.date, zh: c.zh, en: c.en }))
			],
			services: m.matters
				.filter((mt) => mt.handledAt.includes(pt.kind))
				.map((mt) => ({
					matter: mt.id,
					slotMinutes: mt.slot.minutes,
					capacity:
						mt.slot.capacityPerCounter *
						(pt.kind === 'village' || pt.kind === 'proxy' ? 1 : pt.counters),
					minHoursAhead: mt.slot.minHoursAhead,
					maxDaysAhead: mt.slot.maxDaysAhead
				}))
		})),
		matters: m.matters,
		bundles: m.bundles
	};
}
