import { spansText } from './point-form';
import type { CatalogDocument, DocPoint } from './document';
import type { AdminScope } from '../admin/scope';

/** A point as its edit form shows it: a new one has no place, phone or counters yet. */
export type EditedPoint = Omit<DocPoint, 'lat' | 'lng' | 'counters'> &
	Partial<Pick<DocPoint, 'lat' | 'lng' | 'counters'>>;

/** A new point of this town, with the opening hours most points keep, to be filled in. */
export function blankPoint(town: string): EditedPoint {
	const day: [string, string][] = [
		['08:30', '12:00'],
		['13:30', '17:30']
	];
	return {
		id: '',
		town,
		kind: 'village',
		zh: '',
		en: '',
		addressZh: '',
		addressEn: '',
		phone: '',
		hours: { '1': day, '2': day, '3': day, '4': day, '5': day },
		closures: [],
		services: []
	};
}

/** What the point form needs: the point, its hours as text, the towns it may be in, the matters. */
export function pointPageData(doc: CatalogDocument, point: EditedPoint, scope: AdminScope) {
	const hours = Object.fromEntries(
		(['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => [d, spansText(point.hours[d])])
	);
	return {
		point,
		hours,
		towns: doc.towns
			.filter((t) => scope.townId === null || t.id === scope.townId)
			.map((t) => ({ id: t.id, name: { zh: t.zh, en: t.en } })),
		matters: doc.matters.map((x) => {
			const rule = point.services.find((s) => s.matter === x.id);
			return {
				id: x.id,
				name: { zh: x.zh, en: x.en },
				handled: !!rule,
				rule: rule ?? {
					slotMinutes: 30,
					capacity: point.counters ?? 1,
					minHoursAhead: 2,
					maxDaysAhead: 14
				}
			};
		})
	};
}
