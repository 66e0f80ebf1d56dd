import { isDocPointOfTown } from '../../admin/scope';
import type { CatalogDocument } from '../document';
import { spansText } from '../point-form';
import { COLUMNS, type SheetKind } from './columns';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** A sheet of points or matters: the heading row, then one row each (a town's points only, if given). */
export function exportRows(
	doc: CatalogDocument,
	kind: SheetKind,
	townId: string | null
): (string | number)[][] {
	const header = COLUMNS[kind].map((c) => c.heading({ locale: 'zh' }));
	if (kind === 'points') {
		// A town's sheet has its own points: the city hall is the city's, wherever it stands.
		const points = doc.points.filter((p) => townId === null || isDocPointOfTown(p, townId));
		return [
			header,
			...points.map((p) => [
				p.id,
				p.town,
				p.kind,
				p.zh,
				p.en,
				p.addressZh,
				p.addressEn,
				p.lat,
				p.lng,
				p.phone,
				p.counters,
				...WEEKDAYS.map((d) => spansText(p.hours[d])),
				p.services.map((s) => s.matter).join(' ')
			])
		];
	}
	return [
		header,
		...doc.matters.map((x) => [
			x.id,
			x.code,
			x.category,
			x.department,
			x.zh,
			x.en,
			x.aliases.join('、'),
			x.summaryZh,
			x.summaryEn,
			x.promisedDays,
			x.legalDays,
			x.visits,
			x.fee.zh,
			x.fee.en
		])
	];
}
