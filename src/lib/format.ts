import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { serviceClock, toHhmm } from '$lib/time';
import { weekdayOf } from '$lib/catalog/dates';

const MONTHS_EN = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];
const WEEKDAYS = [
	m.weekday_1,
	m.weekday_2,
	m.weekday_3,
	m.weekday_4,
	m.weekday_5,
	m.weekday_6,
	m.weekday_7
];

/** Month and day of a YYYY-MM-DD date, in the reader's language. */
export function monthDay(date: string): string {
	const [, month, day] = date.split('-').map(Number) as [number, number, number];
	return getLocale() === 'zh' ? `${month}月${day}日` : `${day} ${MONTHS_EN[month - 1]}`;
}

/** An instant as date and time at the points (Beijing time). */
export function formatDateTime(at: number | string): string {
	const clock = serviceClock(typeof at === 'string' ? Date.parse(at) : at);
	return `${monthDay(clock.date)} ${toHhmm(clock.minutes)}`;
}

/** The short weekday name of a calendar date (YYYY-MM-DD). */
export function weekdayName(date: string): string {
	return WEEKDAYS[weekdayOf(date) - 1]!();
}

/** `HH:mm` at the points (Beijing time) of an instant: when a ticket was issued, say. */
export function formatTime(at: number | string): string {
	return toHhmm(serviceClock(typeof at === 'string' ? Date.parse(at) : at).minutes);
}

/** A calendar date (YYYY-MM-DD) with its weekday. */
export function formatDay(date: string): string {
	return `${monthDay(date)} ${weekdayName(date)}`;
}

/**
 * `HH:mm` of a slot time `YYYY-MM-DDTHH:mm+08:00`, which is already Beijing time. Not for instants
 * (`…Z`, a ticket's or a step's time): those go through `formatTime` or `formatDateTime`.
 */
export function slotClock(start: string): string {
	return start.slice(11, 16);
}

/** A slot time as its day, with the weekday, and its clock: `12月7日 周一 10:00`. */
export function slotDayTime(start: string): string {
	return `${formatDay(start.slice(0, 10))} ${slotClock(start)}`;
}

export function formatKm(km: number): string {
	return km < 10 ? km.toFixed(1) : String(Math.round(km));
}
