import type { Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { FigureTable } from '$lib/figures/table';
import { m } from '$lib/paraglide/messages';
import { serviceClock } from '$lib/time';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { FigureFilter } from './filters';
import { followUpsOfFilter } from './follow-ups';
import { placeLookup } from './places';

export interface FollowUpCounts {
	/** Poor ratings of the period, each with its follow-up. */
	followUps: number;
	open: number;
	/** Open and past their deadline, today. */
	overdue: number;
	/** Closed on a day after their deadline. */
	closedLate: number;
}

const zero = (): FollowUpCounts => ({ followUps: 0, open: 0, overdue: 0, closedLate: 0 });

/**
 * The follow-ups of the period's poor ratings: how many are open, how many of those are overdue
 * on `now`'s Beijing day, how many were closed late; in all and by place.
 */
export async function followUpCounts(
	db: Kysely<Database> | Tx,
	catalog: CatalogSnapshot,
	f: FigureFilter,
	now = new Date()
): Promise<{ totals: FollowUpCounts; places: FigureTable }> {
	const today = serviceClock(now).date;
	const rows = await followUpsOfFilter(db, f)
		.select((eb) => [
			'r.point_id',
			eb.fn.countAll<number>().as('followUps'),
			eb.fn.sum<number>(eb.case().when('r.closed', '=', 0).then(1).else(0).end()).as('open'),
			eb.fn
				.sum<number>(
					eb
						.case()
						.when(eb.and([eb('r.closed', '=', 0), eb('r.deadline', '<', today)]))
						.then(1)
						.else(0)
						.end()
				)
				.as('overdue'),
			eb.fn
				.sum<number>(
					eb
						.case()
						.when(eb.and([eb('r.closed', '=', 1), eb('r.closed_on', '>', eb.ref('r.deadline'))]))
						.then(1)
						.else(0)
						.end()
				)
				.as('closedLate')
		])
		.groupBy('r.point_id')
		.execute();
	const look = placeLookup(catalog, f);
	const totals = zero();
	const byPlace = new Map<string, FollowUpCounts>();
	for (const r of rows) {
		const place = look.placeOf(r.point_id);
		const acc = place ? (byPlace.get(place) ?? zero()) : zero();
		if (place) byPlace.set(place, acc);
		for (const k of ['followUps', 'open', 'overdue', 'closedLate'] as const) {
			totals[k] += Number(r[k] ?? 0);
			acc[k] += Number(r[k] ?? 0);
		}
	}
	const n = (label: string, key: string) => ({ key, label, numeric: true });
	return {
		totals,
		places: {
			id: 'follow-up-deadlines',
			title: m.figures_follow_up_deadlines(),
			columns: [
				{ key: 'place', label: look.placeHeading },
				n(m.figures_follow_ups_count(), 'followUps'),
				n(m.figures_follow_ups_open(), 'open'),
				n(m.figures_follow_ups_overdue(), 'overdue'),
				n(m.figures_follow_ups_closed_late(), 'closedLate')
			],
			rows: look
				.placeOrder()
				.filter((id) => byPlace.has(id))
				.map((id) => ({ place: look.placeName(id), ...byPlace.get(id)! }))
		}
	};
}
