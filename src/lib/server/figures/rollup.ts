import type { Kysely } from 'kysely';
import { addDays, weekdayOf } from '$lib/catalog/dates';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { MEASURES, monthOf, weekOf, zeroMeasures, type Measure, type Measures } from './measures';
import type { FigureFilter } from './filters';
import { atPlace } from '../admin/town-points';

type Db = Kysely<Database> | Tx;

interface Parts {
	/** Whole months, by their first days, read from the monthly rows. */
	months: [string, string] | null;
	/** Whole weeks, by their Mondays, read from the weekly rows. */
	weeks: [string, string][];
	/** The days left at the ends, read from the daily rows. */
	days: [string, string][];
}

/** The whole weeks (by their Mondays) inside a range, and the days left at either end. */
function weekParts(from: string, to: string): Omit<Parts, 'months'> {
	const firstMonday = weekdayOf(from) === 1 ? from : addDays(from, 8 - weekdayOf(from));
	const lastMonday = weekdayOf(to) === 7 ? weekOf(to) : addDays(weekOf(to), -7);
	if (firstMonday > lastMonday) return { weeks: [], days: [[from, to]] };
	const days: [string, string][] = [];
	if (from < firstMonday) days.push([from, addDays(firstMonday, -1)]);
	const after = addDays(lastMonday, 7);
	if (after <= to) days.push([after, to]);
	return { weeks: [[firstMonday, lastMonday]], days };
}

/** The first day of the month after the one `day` is in. */
const nextMonth = (day: string) => monthOf(addDays(monthOf(day), 31));

/**
 * How a period is read with the fewest rows: whole months (unless the figures go by week), whole
 * weeks in what is left at either end, and the days left after those.
 */
export function periodParts(f: { from: string; to: string }, byMonth = true): Parts {
	const firstMonth = monthOf(f.from) === f.from ? f.from : nextMonth(f.from);
	const afterTo = addDays(f.to, 1);
	// The first day after the last whole month.
	const endMonth = monthOf(afterTo) === afterTo ? afterTo : monthOf(f.to);
	if (!byMonth || firstMonth >= endMonth) return { months: null, ...weekParts(f.from, f.to) };
	const out: Parts = {
		months: [firstMonth, monthOf(addDays(endMonth, -1))],
		weeks: [],
		days: []
	};
	const ends: [string, string][] = [];
	if (f.from < firstMonth) ends.push([f.from, addDays(firstMonth, -1)]);
	if (endMonth <= f.to) ends.push([endMonth, f.to]);
	for (const [from, to] of ends) {
		const part = weekParts(from, to);
		out.weeks.push(...part.weeks);
		out.days.push(...part.days);
	}
	return out;
}

type Table = 'daily_figures' | 'weekly_figures' | 'monthly_figures' | 'figure_deltas';
type By = 'day' | 'week' | 'place';

/** One part of the figures: folded daily, weekly or monthly rows, or the pending deltas, filtered alike. */
function part(
	db: Db,
	table: Table,
	range: [string, string],
	f: FigureFilter,
	by: By,
	measures: readonly Measure[]
) {
	const key = table === 'weekly_figures' ? 'week' : table === 'monthly_figures' ? 'month' : 'day';
	let q = db
		.selectFrom(table as 'daily_figures')
		.select((eb) => measures.map((m) => eb.fn.sum<number>(m).as(m)))
		.where(key as 'day', '>=', range[0])
		.where(key as 'day', '<=', range[1]);
	q = q.where((eb) => atPlace(eb, 'point_id', f));
	if (f.matterId) q = q.where('matter_id', '=', f.matterId);
	if (by === 'place') return q.select(['point_id', 'matter_id']).groupBy(['point_id', 'matter_id']);
	return q.select(`${key as 'day'} as period`).groupBy(key as 'day');
}

/** Every part of the period, each row with the measures and what it is grouped by. */
async function parts(
	db: Db,
	f: FigureFilter,
	by: By,
	measures: readonly Measure[]
): Promise<Record<string, unknown>[]> {
	const { months, weeks, days } =
		by === 'day'
			? { months: null, weeks: [], days: [[f.from, f.to] as [string, string]] }
			: periodParts(f, by === 'place');
	const grouping = by === 'week' ? 'day' : by;
	const queries = [
		part(db, 'figure_deltas', [f.from, f.to], f, grouping, measures),
		...(months ? [part(db, 'monthly_figures', months, f, by, measures)] : []),
		...weeks.map((range) => part(db, 'weekly_figures', range, f, by, measures)),
		...days.map((range) => part(db, 'daily_figures', range, f, grouping, measures))
	];
	return (await Promise.all(queries.map((q) => q.execute()))).flat() as Record<string, unknown>[];
}

const toMeasures = (r: Record<string, unknown>): Measures => {
	const out = zeroMeasures();
	for (const m of MEASURES) out[m] = Number(r[m] ?? 0);
	return out;
};

function add(into: Measures, r: Measures) {
	for (const m of MEASURES) into[m] += r[m];
}

// Only the measures a view shows are summed: each costs the database a sum over every row read.

/**
 * The filtered figures of each day, or each week (keyed by its Monday) for `grain: 'week'`;
 * days or weeks with nothing are left out.
 */
export async function figuresByPeriod(
	db: Db,
	f: FigureFilter,
	measures: readonly Measure[] = MEASURES
): Promise<Map<string, Measures>> {
	const rows = await parts(db, f, f.grain, measures);
	const out = new Map<string, Measures>();
	for (const r of rows) {
		const period = String(r.period);
		// Days at the ends of a weekly period, and pending deltas, go to their week.
		const k = f.grain === 'week' ? weekOf(period) : period;
		const acc = out.get(k) ?? zeroMeasures();
		add(acc, toMeasures(r));
		out.set(k, acc);
	}
	return out;
}

export interface PlaceFigures extends Measures {
	pointId: string;
	matterId: string;
}

/** The filtered figures of the period per point and matter, for every breakdown. */
export async function figuresByPlace(
	db: Db,
	f: FigureFilter,
	measures: readonly Measure[] = MEASURES
): Promise<PlaceFigures[]> {
	const places = new Map<string, PlaceFigures>();
	for (const r of await parts(db, f, 'place', measures)) {
		const { point_id, matter_id } = r as { point_id: string; matter_id: string };
		const k = `${point_id}\u0000${matter_id}`;
		const acc = places.get(k) ?? { pointId: point_id, matterId: matter_id, ...zeroMeasures() };
		add(acc, toMeasures(r));
		places.set(k, acc);
	}
	return [...places.values()];
}

/** Sums of measures over rows, by a key of each (rows whose key is null are left out). */
export function sumBy<T extends Measures>(
	rows: T[],
	key: (r: T) => string | null
): Map<string, Measures> {
	const out = new Map<string, Measures>();
	for (const r of rows) {
		const k = key(r);
		if (k === null) continue;
		const acc = out.get(k) ?? zeroMeasures();
		add(acc, r);
		out.set(k, acc);
	}
	return out;
}

export function total(rows: Measures[]): Measures {
	const acc = zeroMeasures();
	for (const r of rows) add(acc, r);
	return acc;
}
