import { serviceClock } from '$lib/time';

/** The first day a form's date may name. */
export const EARLIEST_DATE = '1900-01-01';

/** The last day a form's date may name: the end of the tenth year from now. */
export const latestDate = (): string => `${Number(serviceClock().date.slice(0, 4)) + 10}-12-31`;
