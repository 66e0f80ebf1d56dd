import { addDays } from '$lib/catalog/dates';
import type { Tx } from '../db/transaction';
import { workCalendar, workingDayAfter, type WorkCalendar } from './working-days';

/** A poor rating's follow-up is to be closed within this many working days of the rating. */
export const FOLLOW_UP_WORKING_DAYS = 15;

/**
 * The Beijing day by which a follow-up is to be closed: the 15th working day after the rating's
 * day (national calendar), as the promised time limit counts from the working day after receipt.
 */
export const followUpDeadline = (ratedDay: string, calendar: WorkCalendar): string =>
	workingDayAfter(ratedDay, FOLLOW_UP_WORKING_DAYS, calendar);

/** The deadline of a rating on `ratedDay`, with the calendar read from the database. */
export async function followUpDeadlineOf(tx: Tx, ratedDay: string): Promise<string> {
	// 15 working days span at most about five weeks, even over the Spring Festival.
	return followUpDeadline(ratedDay, await workCalendar(tx, ratedDay, addDays(ratedDay, 90)));
}

/** Open and past its deadline on `today` (a Beijing date). */
export const isOverdue = (f: { closed: boolean; deadline: string }, today: string) =>
	!f.closed && f.deadline < today;

/** Closed on a day after its deadline. */
export const closedLate = (f: { closedOn: string | null; deadline: string }) =>
	!!f.closedOn && f.closedOn > f.deadline;
