import { getLocale } from '$lib/paraglide/runtime';
import { serviceClock, toHhmm } from '$lib/time';
import { weekdayOf } from '$lib/catalog/dates';

/** Intl's names in the reader's language, made once per language and kind. */
const formats = new Map<string, Intl.DateTimeFormat>();
function named(kind: 'weekday' | 'month', utc: number): string {
	const locale = getLocale() === 'zh' ? 'zh-CN' : 'en';
	const key = `${locale} ${kind}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { [kind]: 'short', timeZone: 'UTC' });
		formats.set(key, format);
	}
	return format.format(utc);
}

/** The short name of weekday n, 1 (Monday) to 7 (Sunday): 周一, Mon. */
export function weekdayLabel(n: number): string {
	// 2024-01-01 was a Monday.
	return named('weekday', Date.UTC(2024, 0, n));
}

/** Month and day of a YYYY-MM-DD date, in the reader's language. */
export function monthDay(date: string): string {
	const [, month, day] = date.split('-').map(Number) as [number, number, number];
	return getLocale() === 'zh'
		? `${month}月${day}日`
		: `${day} ${named('month', Date.UTC(2024, month - 1))}`;
}

/** An instant as date and time at the points (Beijing time). */
export function formatDateTime(at: number | string): string {
	const clock = serviceClock(typeof at === 'string' ? Date.parse(at) : at);
	return `${monthDay(clock.date)} ${toHhmm(clock.minutes)}`;
}

/** The short weekday name of a calendar date (YYYY-MM-DD). */
export function weekdayName(date: string): string {
	return weekdayLabel(weekdayOf(date));
}

/** `HH:mm` at the points (Beijing time) of an instant: when a ticket was issued, say. */
export function formatTime(at: number | string): string {
	return toHhmm(serviceClock(typeof at === 'string' ? Date.parse(at) : at).minutes);
}

/** A calendar date (YYYY-MM-DD) with its weekday: 12月9日 周三, Wed 9 Dec. */
export function formatDay(date: string): string {
	return getLocale() === 'zh'
		? `${monthDay(date)} ${weekdayName(date)}`
		: `${weekdayName(date)} ${monthDay(date)}`;
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
