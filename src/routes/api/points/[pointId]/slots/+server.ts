import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { slotQuery, slotQueryLabels } from '$lib/schemas/slots';
import { serviceClock, SERVICE_TIME_ZONE } from '$lib/time';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { fieldError, invalidInput } from '$lib/server/http/errors';
import { findService, freeSlots } from '$lib/server/slots/free-slots';

/** Each slot of a point for a matter, with its capacity and the places still free. */
export const GET: RequestHandler = async ({ params, url }) => {
	const parsed = v.safeParse(slotQuery, Object.fromEntries(url.searchParams));
	if (!parsed.success) return invalidInput(parsed.issues, slotQueryLabels);
	const query = parsed.output;
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const { point, rule } = findService(snapshot, params.pointId, query.matter);
	if (!point) {
		return fieldError(
			404,
			'point_not_found',
			'pointId',
			m.err_not_found({ field: m.field_point() })
		);
	}
	if (!rule) {
		return fieldError(404, 'matter_not_handled', 'matter', m.err_not_handled());
	}
	const now = new Date();
	const from = query.from ?? serviceClock(now).date;
	const slots = await freeSlots(db, point, rule, snapshot.calendar, from, query.days, now);
	return json(
		{
			pointId: point.id,
			matterId: rule.matterId,
			timeZone: SERVICE_TIME_ZONE,
			from,
			days: query.days,
			generatedAt: now.toISOString(),
			rule,
			slots: slots.map(({ start, end, capacity, remaining }) => ({
				start,
				end,
				capacity,
				remaining
			}))
		},
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
