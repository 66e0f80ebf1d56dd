import { serviceClock, toHhmm, toMinutes } from '$lib/time';
import { addDays, daysBetween, weekdayOf } from './dates';
import { spansOn } from './hours';
import type { NationalCalendar, Point, SlotRule } from './types';

/** Beijing time, where every point is; slot times carry it explicitly. */
export const SERVICE_OFFSET = '+08:00';

export interface SlotTime {
	/** `YYYY-MM-DDTHH:mm+08:00`, also the slot's key. */
	start: string;
	end: string;
	date: string;
	capacity: number;
}

/**
 * The bookable slots of a point for a matter over `days` days from `from`, by its opening hours,
 * closures, the national calendar and slot rule (no earlier than `minHoursAhead` from now, no later
 * than `maxDaysAhead` days from today). The same on the server and, offline, on the device.
 */
export function slotTimes(
	point: Pick<Point, 'hours' | 'closures'>,
	rule: SlotRule,
	calendar: NationalCalendar,
	from: string,
	days: number,
	now: Date = new Date()
): SlotTime[] {
	const today = serviceClock(now).date;
	const earliest = now.getTime() + rule.minHoursAhead * 3_600_000;
	const out: SlotTime[] = [];
	for (let i = 0; i < days; i++) {
		const date = addDays(from, i);
		if (daysBetween(today, date) > rule.maxDaysAhead) break;
		if (date < today) continue;
		for (const [open, close] of spansOn(point, calendar, date, weekdayOf(date))) {
			const last = toMinutes(close) - rule.slotMinutes;
			for (let m = toMinutes(open); m <= last; m += rule.slotMinutes) {
				const start = `${date}T${toHhmm(m)}${SERVICE_OFFSET}`;
				if (Date.parse(start) < earliest) continue;
				out.push({
					start,
					end: `${date}T${toHhmm(m + rule.slotMinutes)}${SERVICE_OFFSET}`,
					date,
					capacity: rule.capacity
				});
			}
		}
	}
	return out;
}

/**
 * Whether `start` is one of the point's slots for the matter, bookable at `now`: the same answer as
 * looking it up in `slotTimes`, without laying out the day.
 */
export function isBookableSlot(
	point: Pick<Point, 'hours' | 'closures'>,
	rule: SlotRule,
	calendar: NationalCalendar,
	start: string,
	now: Date = new Date()
): boolean {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})\+08:00$/.exec(start);
	if (!match) return false;
	const [, date, hhmm] = match as unknown as [string, string, string];
	const today = serviceClock(now).date;
	if (date < today || daysBetween(today, date) > rule.maxDaysAhead) return false;
	if (Date.parse(start) < now.getTime() + rule.minHoursAhead * 3_600_000) return false;
	const minutes = toMinutes(hhmm);
	return spansOn(point, calendar, date, weekdayOf(date)).some(([open, close]) => {
		const from = toMinutes(open);
		return (
			minutes >= from &&
			minutes + rule.slotMinutes <= toMinutes(close) &&
			(minutes - from) % rule.slotMinutes === 0
		);
	});
}

/** Days the slot page covers: today and the whole booking window (the API gives at most 31). */
export function bookingDays(rule: SlotRule): number {
	return Math.min(rule.maxDaysAhead + 1, 31);
}

/** `GET /api/points/{pointId}/slots` for a point's whole booking window from today. */
export function slotsApiUrl(pointId: string, rule: SlotRule, today: string): string {
	const query = new URLSearchParams({
		matter: rule.matterId,
		from: today,
		days: String(bookingDays(rule))
	});
	return `/api/points/${encodeURIComponent(pointId)}/slots?${query}`;
}
