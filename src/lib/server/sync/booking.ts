import { bookingDays, isBookableSlot } from '$lib/catalog/slots';
import type { Point, SlotRule } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { freeSlots } from '../slots/free-slots';
import type { OpContext } from './context';
import { holdSlot } from './slots-hold';

/** Books the first of the ranked choices that is within the point's rules and has room. */
export async function bookFirstFree(
	ctx: OpContext,
	point: Point,
	rule: SlotRule,
	choices: string[],
	skip?: string | null
): Promise<string | null> {
	for (const start of choices) {
		if (start === skip || !isBookableSlot(point, rule, ctx.catalog.calendar, start, ctx.now))
			continue;
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
