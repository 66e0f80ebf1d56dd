import * as v from 'valibot';
import { daysBetween, isRealDate } from '$lib/catalog/dates';
import { m } from '$lib/paraglide/messages';
import { maxChars, reason, type FieldLabels } from './issues';

export const FIGURE_VIEWS = ['volume', 'time', 'satisfaction'] as const;
export type FigureView = (typeof FIGURE_VIEWS)[number];

/** The longest period the figures count: longer ones say nothing a shorter one does not. */
export const MAX_PERIOD_YEARS = 10;

const day = v.pipe(
	v.string(reason({ k: 'required' })),
	v.nonEmpty(reason({ k: 'required' })),
	v.check(isRealDate, reason({ k: 'date' }))
);
const id = v.optional(v.pipe(v.string(), v.maxLength(100, reason({ k: 'length', max: 100 }))), '');

/** The figures' filters as the page's address carries them. */
export const figureFilterSchema = v.pipe(
	v.object({
		from: day,
		to: day,
		town: id,
		point: id,
		matter: id,
		grain: v.optional(v.picklist(['day', 'week'], reason({ k: 'choice' })), 'day')
	}),
	v.forward(
		v.check((f) => f.from <= f.to, reason({ k: 'notBefore', other: 'from' })),
		['to']
	),
	v.forward(
		v.check(
			(f) => daysBetween(f.from, f.to) <= MAX_PERIOD_YEARS * 366,
			reason({ k: 'period', years: MAX_PERIOD_YEARS })
		),
		['to']
	)
);
export type FigureFilterInput = v.InferOutput<typeof figureFilterSchema>;

export const figureFilterLabels: FieldLabels = {
	from: m.figures_from,
	to: m.figures_to,
	town: m.figures_town,
	point: m.figures_point,
	matter: m.figures_matter,
	grain: m.figures_grain
};

/** What an administrator records about a poor rating's follow-up. */
export const followUpSchema = v.object({
	applicationId: v.pipe(v.string(), v.nonEmpty(reason({ k: 'required' }))),
	action: v.pipe(
		v.string(reason({ k: 'required' })),
		v.trim(),
		v.nonEmpty(reason({ k: 'required' })),
		maxChars(500)
	),
	closed: v.optional(v.picklist(['on', '1', 'true']))
});

export const followUpLabels: FieldLabels = {
	applicationId: m.figures_follow_up,
	action: m.figures_follow_up_action,
	closed: m.figures_follow_up_closed
};
