import { serviceClock, toMinutes, type ServiceClock } from '$lib/time';
import type { Point } from './types';

type Schedule = Pick<Point, 'hours' | 'closures'>;

export type Span = [string, string];

/** Opening spans of a point on a date (YYYY-MM-DD, weekday 1–7); none on a closure. */
export function spansOn(point: Schedule, date: string, weekday: number): Span[] {
	if (point.closures.some((c) => c.date === date)) return [];
	return point.hours[String(weekday) as keyof Point['hours']] ?? [];
}

export function closureOn(point: Schedule, date: string) {
	return point.closures.find((c) => c.date === date);
}

/** Whether the point is open at an instant of service time. */
export function isOpen(point: Schedule, clock: ServiceClock = serviceClock()): boolean {
	return spansOn(point, clock.date, clock.weekday).some(
		([from, to]) => clock.minutes >= toMinutes(from) && clock.minutes < toMinutes(to)
	);
}

export function formatSpans(spans: Span[]): string {
	return spans.map(([from, to]) => `${from}–${to}`).join(', ');
}
