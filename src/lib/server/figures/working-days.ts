import { addDays, weekdayOf } from '$lib/catalog/dates';
import type { Tx } from '../db/transaction';

/** The national calendar's exceptions: holidays off, make-up working days (调休) on. */
export interface WorkCalendar {
	holidays: Set<string>;
	workdays: Set<string>;
}

export async function workCalendar(tx: Tx, from?: string, to?: string): Promise<WorkCalendar> {
	let query = tx
		.selectFrom('national_calendar')
		.select(['date', 'kind'])
		.where('kind', '!=', 'normal');
	if (from) query = query.where('date', '>=', from);
	if (to) query = query.where('date', '<=', to);
	const rows = await query.execute();
	return {
		holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
		workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date))
	};
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
	if (calendar.workdays.has(day)) return true;
	return weekdayOf(day) <= 5 && !calendar.holidays.has(day);
}

/**
 * Working days from the day after `from` to `to`, both Beijing dates: the promised time limit
 * (承诺时限) runs from the working day after the application is received, so one completed the
 * day it came in took 0.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
	let n = 0;
	for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) n++;
	return n;
}

/** The Beijing date `n` working days after `day`. */
export function workingDayAfter(day: string, n: number, calendar: WorkCalendar): string {
	let d = day;
	for (let k = 0; k < n;) if (isWorkingDay((d = addDays(d, 1)), calendar)) k++;
	return d;
}
