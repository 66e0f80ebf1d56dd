import { serviceClock, toMinutes, type ServiceClock } from '$lib/time';
import type { NationalCalendar, Point, Text } from './types';

export type Schedule = Pick<Point, 'hours' | 'closures'>;

export type Span = [string, string];

/** The weekday whose hours a make-up working day keeps: the point's first weekday with hours. */
function workdayHours(point: Schedule): Span[] {
	for (let d = 1; d <= 5; d++) {
		const spans = point.hours[String(d) as keyof Point['hours']];
		if (spans?.length) return spans;
	}
	return [];
}

/**
 * Opening spans of a point on a date (YYYY-MM-DD, weekday 1–7): none on its own closure or a
 * public holiday; a weekday's on a make-up working day.
 */
export function spansOn(
	point: Schedule,
	calendar: NationalCalendar,
	date: string,
	weekday: number
): Span[] {
	if (closureOn(point, calendar, date)) return [];
	if (calendar.workdays[date]) return workdayHours(point);
	return point.hours[String(weekday) as keyof Point['hours']] ?? [];
}

/** Why a point is closed on a date, if it is: its own closure, or a public holiday. */
export function closureOn(
	point: Schedule,
	calendar: NationalCalendar,
	date: string
): { date: string; reason: Text } | undefined {
	const own = point.closures.find((c) => c.date === date);
	if (own) return own;
	const holiday = calendar.holidays[date];
	return holiday ? { date, reason: holiday } : undefined;
}

/** Whether the point is open at an instant of service time. */
export function isOpen(
	point: Schedule,
	calendar: NationalCalendar,
	clock: ServiceClock = serviceClock()
): boolean {
	return spansOn(point, calendar, clock.date, clock.weekday).some(
		([from, to]) => clock.minutes >= toMinutes(from) && clock.minutes < toMinutes(to)
	);
}

export function formatSpans(spans: Span[]): string {
	return spans.map(([from, to]) => `${from}–${to}`).join(', ');
}
