import * as v from 'valibot';
import { isRealDate } from '$lib/catalog/dates';
import { m } from '$lib/paraglide/messages';
import { reason, type FieldLabels } from './issues';

export const MAX_SLOT_DAYS = 31;

/** Query of `GET /api/points/{pointId}/slots`. */
export const slotQuery = v.object({
	matter: v.pipe(v.string(reason({ k: 'required' })), v.nonEmpty(reason({ k: 'required' }))),
	from: v.optional(
		v.pipe(v.string(reason({ k: 'date' })), v.check(isRealDate, reason({ k: 'date' })))
	),
	days: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,3}$/, reason({ k: 'int', min: 1, max: MAX_SLOT_DAYS })),
			v.transform(Number),
			v.minValue(1, reason({ k: 'int', min: 1, max: MAX_SLOT_DAYS })),
			v.maxValue(MAX_SLOT_DAYS, reason({ k: 'int', min: 1, max: MAX_SLOT_DAYS }))
		),
		'7'
	)
});

export const slotQueryLabels: FieldLabels = {
	matter: m.field_matter,
	from: m.field_from_date,
	days: m.field_days
};
