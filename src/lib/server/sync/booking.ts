import { bookingDays, isBookableSlot } from '$lib/catalog/slots';
import type { Point, SlotRule } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { freeSlots } from '../slots/free-slots';
import type { OpContext } from './context';
import { holdSlot } from './slots-hold';

/** The ranked choices within the point's rules, but `skip` (the time a booking holds already). */
export function bookableChoices(
	ctx: OpContext,
	point: Point,
	rule: SlotRule,
	choices: string[],
	skip?: string | null
): string[] {
	return choices.filter(
		(start) => start !== skip && isBookableSlot(point, rule, ctx.catalog.calendar, start, ctx.now)
	);
}

/** Books the first of the ranked choices that is within the point's rules and has room. */
export async function bookFirstFree(
	ctx: OpContext,
	point: Point,
	rule: SlotRule,
	choices: string[],
	skip?: string | null
): Promise<string | null> {
	for (const start of bookableChoices(ctx, point, rule, choices, skip)) {
		if (
			await holdSlot(
				ctx.tx,
				ctx.kind,
				{ pointId: point.id, matterId: rule.matterId, start },
				rule.capacity
			)
		) {
			return start;
		}
	}
	return null;
}

/** Up to `count` slots with room, soonest first, to offer when none of the choices had any. */
export async function alternatives(ctx: OpContext, point: Point, rule: SlotRule, count = 6) {
	const slots = await freeSlots(
		ctx.tx,
		point,
		rule,
		ctx.catalog.calendar,
		serviceClock(ctx.now).date,
		bookingDays(rule),
		ctx.now
	);
	return slots
		.filter((s) => s.remaining > 0)
		.slice(0, count)
		.map((s) => s.start);
}
