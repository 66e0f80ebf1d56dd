import * as v from 'valibot';
import { isRealDate } from '$lib/catalog/dates';
import { m } from '$lib/paraglide/messages';
import { maxChars, reason, type FieldLabels } from './issues';

const name = v.pipe(v.string(), v.trim(), maxChars(30));

/** One day of the national calendar as an administrator sets it. */
export const calendarDaySchema = v.pipe(
	v.object({
		date: v.pipe(
			v.string(reason({ k: 'required' })),
			v.nonEmpty(reason({ k: 'required' })),
			v.check(isRealDate, reason({ k: 'date' }))
		),
		kind: v.picklist(['holiday', 'workday', 'normal'], reason({ k: 'choice' })),
		nameZh: name,
		nameEn: name
	}),
	// A holiday or a working weekend is named: residents read why the day is as it is.
	v.forward(
		v.partialCheck(
			[['kind'], ['nameZh']],
			(day) => day.kind === 'normal' || !!day.nameZh,
			reason({ k: 'required' })
		),
		['nameZh']
	),
	v.forward(
		v.partialCheck(
			[['kind'], ['nameEn']],
			(day) => day.kind === 'normal' || !!day.nameEn,
			reason({ k: 'required' })
		),
		['nameEn']
	)
);

export const calendarDayLabels: FieldLabels = {
	date: m.calendar_date,
	kind: m.calendar_kind,
	nameZh: m.calendar_name_zh,
	nameEn: m.calendar_name_en
};
