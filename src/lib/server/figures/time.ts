import { sql, type Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { mean, percent, type FigureTable } from '$lib/figures/table';
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { FigureFilter } from './filters';
import type { Measures } from './measures';
import { placeLookup } from './places';
import { figuresByPeriod, figuresByPlace, sumBy, total } from './rollup';
import { series } from './series';
import { atPlace } from '../admin/town-points';

/** Age buckets of the backlog, in days since the application came in: [from, to). */
export const AGE_BUCKETS = [
	[0, 3],
	[3, 8],
	[8, 15],
	[15, 31],
	[31, null]
] as const;

type OpenStatus = 'submitted' | 'accepted' | 'more_materials';

/**
 * The backlog now (whatever the period): applications taken in at a counter and not finished
 * (checked in, accepted, or waiting for materials), by age bucket and status, in the place and
 * matter chosen. Bookings nobody came to are no-shows, not backlog.
 */
export async function backlog(
	db: Kysely<Database> | Tx,
	f: FigureFilter,
	now = new Date()
): Promise<{ bucket: number; status: OpenStatus; n: number }[]> {
	const edge = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
	// created_at is an ISO instant, so text order is time order.
	const cases = sql.join(
		AGE_BUCKETS.flatMap(([, to], i) =>
			to === null ? [] : [sql`when a.created_at > ${edge(to)} then ${sql.lit(i)}`]
		),
		sql` `
	);
	let q = db
		.selectFrom('applications as a')
		.select([
			sql<number>`case ${cases} else ${sql.lit(AGE_BUCKETS.length - 1)} end`.as('bucket'),
			'a.status',
			(eb) => eb.fn.countAll<number>().as('n')
		])
		// Literal, as the partial index's predicate is: SQLite uses it only so.
		.where(
			sql<boolean>`(a.status in ('accepted', 'more_materials') or (a.status = 'submitted' and a.checked_in_at is not null))`
		);
	q = q.where((eb) => atPlace(eb, 'a.point_id', f));
	if (f.matterId) q = q.where('a.matter_id', '=', f.matterId);
	const rows = await q.groupBy([sql`1`, 'a.status']).execute();
	return rows.map((r) => ({
		bucket: Number(r.bucket),
		status: r.status as OpenStatus,
		n: Number(r.n)
	}));
}

export interface TimeFigures {
	totals: {
		/** Minutes from ticket to first call, on average. */
		averageWait: number | null;
		called: number;
		completed: number;
		/** Working days from receipt to completion, on average. */
		averageDays: number | null;
		/** Share completed within the matter's promised days, in %. */
		inTime: number | null;
		open: number;
	};
	series: FigureTable;
	places: FigureTable;
	matters: FigureTable;
	backlog: FigureTable;
}

const waitMinutes = (x: Measures) => mean(x.wait_seconds / 60, x.called);

/** Time: the wait at the counter, the time to completion against the promise, and the backlog. */
export async function timeFigures(
	db: Kysely<Database> | Tx,
	catalog: CatalogSnapshot,
	f: FigureFilter,
	now = new Date()
): Promise<TimeFigures> {
	const [days, places, open] = await Promise.all([
		figuresByPeriod(db, f, ['called', 'wait_seconds', 'completed', 'completed_in_time']),
		figuresByPlace(db, f, [
			'called',
			'wait_seconds',
			'ticket_no_shows',
			'completed',
			'completed_in_time',
			'completion_days'
		]),
		backlog(db, f, now)
	]);
	const look = placeLookup(catalog, f);
	const all = total(places);
	const byPlace = sumBy(places, (r) => look.placeOf(r.pointId));
	const byMatter = sumBy(places, (r) => (r.matterId === '' ? null : r.matterId));
	const n = (label: string, key: string) => ({ key, label, numeric: true });
	const openOf = (bucket: number, status: string) =>
		open.filter((r) => r.bucket === bucket && r.status === status).reduce((s, r) => s + r.n, 0);
	const bucketLabel = (i: number) => {
		const [from, to] = AGE_BUCKETS[i]!;
		return to === null
			? m.figures_age_over({ days: from - 1 })
			: m.figures_age_range({ from, to: to - 1 });
	};
	return {
		totals: {
			averageWait: waitMinutes(all),
			called: all.called,
			completed: all.completed,
			averageDays: mean(all.completion_days, all.completed),
			inTime: percent(all.completed_in_time, all.completed),
			open: open.reduce((s, r) => s + r.n, 0)
		},
		series: {
			id: 'time-over-time',
			title: m.figures_over_time(),
			columns: [
				{ key: 'period', label: f.grain === 'week' ? m.figures_week_of() : m.figures_day() },
				n(m.figures_average_wait(), 'averageWait'),
				n(m.figures_completed(), 'completed'),
				n(m.figures_in_time(), 'inTime')
			],
			rows: series(days, f).map(([period, x]) => ({
				period,
				averageWait: waitMinutes(x),
				completed: x.completed,
				inTime: percent(x.completed_in_time, x.completed)
			}))
		},
		places: {
			id: 'time-by-place',
			title: look.byPoint ? m.figures_by_point() : m.figures_by_town(),
			columns: [
				{ key: 'place', label: look.placeHeading },
				n(m.figures_called(), 'called'),
				n(m.figures_average_wait(), 'averageWait'),
				n(m.figures_ticket_no_shows(), 'ticketNoShows'),
				n(m.figures_completed(), 'completed'),
				n(m.figures_average_days(), 'averageDays'),
				n(m.figures_in_time(), 'inTime')
			],
			rows: look
				.placeOrder()
				.filter((id) => byPlace.has(id))
				.map((id) => {
					const x = byPlace.get(id)!;
					return {
						place: look.placeName(id),
						called: x.called,
						averageWait: waitMinutes(x),
						ticketNoShows: x.ticket_no_shows,
						completed: x.completed,
						averageDays: mean(x.completion_days, x.completed),
						inTime: percent(x.completed_in_time, x.completed)
					};
				})
		},
		matters: {
			id: 'time-by-matter',
			title: m.figures_by_matter(),
			columns: [
				{ key: 'matter', label: m.figures_matter() },
				n(m.figures_promised_days(), 'promisedDays'),
				n(m.figures_completed(), 'completed'),
				n(m.figures_average_days(), 'averageDays'),
				n(m.figures_in_time(), 'inTime')
			],
			rows: look
				.matterOrder()
				.filter((id) => byMatter.get(id)?.completed)
				.map((id) => {
					const x = byMatter.get(id)!;
					return {
						matter: look.matterName(id),
						promisedDays: look.promisedDays(id),
						completed: x.completed,
						averageDays: mean(x.completion_days, x.completed),
						inTime: percent(x.completed_in_time, x.completed)
					};
				})
		},
		backlog: {
			id: 'time-backlog',
			title: m.figures_backlog(),
			columns: [
				{ key: 'age', label: m.figures_age() },
				n(m.figures_open_submitted(), 'submitted'),
				n(m.figures_open_accepted(), 'accepted'),
				n(m.figures_open_more_materials(), 'moreMaterials'),
				n(m.figures_total(), 'total')
			],
			rows: AGE_BUCKETS.map((_, i) => {
				const submitted = openOf(i, 'submitted');
				const accepted = openOf(i, 'accepted');
				const moreMaterials = openOf(i, 'more_materials');
				return {
					age: bucketLabel(i),
					submitted,
					accepted,
					moreMaterials,
					total: submitted + accepted + moreMaterials
				};
			})
		}
	};
}
