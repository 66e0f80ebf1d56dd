import { addDays, weekdayOf } from '$lib/catalog/dates';

/**
 * What the daily figures count, per Beijing day, point and matter (docs/figures.md says what each
 * means). One list: the rollup table, its pending deltas, the rebuild and the queries all follow it.
 */
export const MEASURES = [
	'applications',
	'booked',
	'check_ins',
	'missed',
	'walk_ins',
	'called',
	'wait_seconds',
	'ticket_no_shows',
	'completed',
	'completed_in_time',
	'completion_days',
	'refused',
	'cancelled',
	'rating_1',
	'rating_2',
	'rating_3',
	'rating_4',
	'rating_5',
	'offline',
	'by_agent'
] as const;

export type Measure = (typeof MEASURES)[number];
export type Measures = Record<Measure, number>;

/** The Monday of a Beijing date's week: the key of the weekly figures. */
export const weekOf = (day: string) => addDays(day, 1 - weekdayOf(day));

/** The first day of a Beijing date's month: the key of the monthly figures. */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`;

/** The key of a rollup row; a walk-in's matter is '' (a walk-in ticket names a category only). */
export interface FigureKey {
	day: string;
	pointId: string;
	matterId: string;
}

export const zeroMeasures = (): Measures =>
	Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures;
