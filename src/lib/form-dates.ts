import { serviceClock } from '$lib/time';

/** The first day a form's date may name. */
export const EARLIEST_DATE = '1900-01-01';

/**
 * The last day a form's date may name: today for a day that has been (`past`), else the end of the
 * tenth year from now.
 */
export const latestDate = (past = false): string =>
	past ? serviceClock().date : `${Number(serviceClock().date.slice(0, 4)) + 10}-12-31`;
