import type { Kysely } from 'kysely';
import { addDays } from '$lib/catalog/dates';
import { slotTimes, type SlotTime } from '$lib/catalog/slots';
import type { CatalogSnapshot, NationalCalendar, Point, SlotRule } from '$lib/catalog/types';
import type { Database } from '../db/schema';

export interface FreeSlot extends SlotTime {
	remaining: number;
}

export function findService(
	catalog: CatalogSnapshot,
	pointId: string,
	matterId: string
): { point: Point; rule: SlotRule } | { point?: Point; rule?: undefined } {
	const point = catalog.points.find((p) => p.id === pointId);
	const rule = point?.services.find((s) => s.matterId === matterId);
	return rule && point ? { point, rule } : { point };
}

/** The point's slots for the matter with the places still free in each. */
export async function freeSlots(
	db: Kysely<Database>,
	point: Point,
	rule: SlotRule,
	calendar: NationalCalendar,
	from: string,
	days: number,
	now: Date = new Date()
): Promise<FreeSlot[]> {
	const times = slotTimes(point, rule, calendar, from, days, now);
	if (!times.length) return [];
	const taken = await db
		.selectFrom('slot_counts')
		.select(['slot_start', 'booked'])
		.where('point_id', '=', point.id)
		.where('matter_id', '=', rule.matterId)
		.where('slot_start', '>=', times[0]!.start)
		.where('slot_start', '<', `${addDays(from, days)}T00:00`)
		.execute();
	const booked = new Map(taken.map((t) => [t.slot_start, t.booked]));
	return times.map((t) => ({
		...t,
		remaining: Math.max(0, t.capacity - (booked.get(t.start) ?? 0))
	}));
}
