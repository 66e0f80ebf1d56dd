import * as v from 'valibot';
import { APPLICANT_BIRTH } from '$lib/catalog/types';

// The pieces below check the seed files and, put together as a catalogue document, every edit
// the administration makes: one set of rules for both.

export const text = v.pipe(v.string(), v.nonEmpty());
/** A name (of a town, a point, a matter, a form's field): what a phone's line or two can show. */
const NAME_MAX = 100;
const name = v.pipe(v.string(), v.nonEmpty(), v.maxLength(NAME_MAX));
const address = v.pipe(v.string(), v.nonEmpty(), v.maxLength(2 * NAME_MAX));
/** A line of a guide (a condition, a law, a fee, a question or its answer). */
const line = v.pipe(v.string(), v.nonEmpty(), v.maxLength(5 * NAME_MAX));
/** A matter's or a bundle's summary: a short paragraph. */
const summary = v.pipe(v.string(), v.nonEmpty(), v.maxLength(10 * NAME_MAX));
/** A material's note: may be empty. */
const note = v.pipe(v.string(), v.maxLength(5 * NAME_MAX));
const lineZhEn = v.object({ zh: line, en: line });
const time = v.pipe(v.string(), v.isoTime());
/** A time limit in working days: a year's worth is more than any law gives a matter. */
const days = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365));

export const PHONE_FORMAT = 'A phone number is digits, with - ( ) + or spaces between';
export const SPAN_ORDER = 'An opening span must end after it starts';
export const SPANS_OVERLAP = "A day's opening spans must not overlap, and come in order";
export const ALIAS_REPEAT = 'An alias must not repeat';
export const WHOLE_BOUND = 'A bound of a whole-number field must be whole';
export const BOUND_ORDER = "A number field's greatest value must not be below its least";
export const PROMISED_OVER_LEGAL = 'A promised time limit must not be longer than the legal one';
export const NOT_BEFORE_DATE = 'A date field may only come after another date field of its form';
export const NOT_BEFORE_LOOP = 'Date fields must not each come after the other';
export const REQUIRED_WHEN = 'A field may be required only for choices of another list of its form';
export const ALIAS_IN_NAME =
	'An alias must not be part of the name already: search finds the name anyway';

const wholeOrNone = (n: number | undefined) => n === undefined || Number.isInteger(n);

const span = v.pipe(
	v.tuple([time, time]),
	v.check(([from, to]) => from < to, SPAN_ORDER)
);
export const weekday = v.picklist(['1', '2', '3', '4', '5', '6', '7']);
// Overlapping spans would offer the places of the time they share twice.
const daySpans = v.pipe(
	v.array(span),
	v.check((spans) => spans.every((s, i) => i === 0 || spans[i - 1]![1] <= s[0]), SPANS_OVERLAP)
);
export const weeklyHours = v.record(weekday, daySpans);
export const isoDate = v.pipe(v.string(), v.isoDate());

export const townSchema = v.object({
	id: text,
	zh: name,
	en: name,
	kind: v.picklist(['subdistrict', 'town']),
	sort: v.number()
});

export const POINT_KINDS = ['centre', 'village', 'proxy', 'city'] as const;
export const pointKind = v.picklist(POINT_KINDS);

/** A point's own fields, as the points file and the catalogue document both hold them. */
export const pointEntries = {
	id: text,
	town: text,
	kind: pointKind,
	zh: name,
	en: name,
	addressZh: address,
	addressEn: address,
	lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
	lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
	phone: v.pipe(v.string(), v.maxLength(30), v.regex(/^(\+?\d[\d\s()-]*\d)?$/, PHONE_FORMAT)),
	hours: weeklyHours,
	counters: v.pipe(v.number(), v.integer(), v.minValue(1))
};

export const pointsFile = v.object({
	towns: v.array(townSchema),
	points: v.array(v.object(pointEntries)),
	holidays: v.array(v.object({ date: isoDate, zh: text, en: text })),
	closures: v.array(v.object({ point: text, date: isoDate, zh: text, en: text }))
});

/** A list's key → the choices of it for which a field must be filled in. */
const requiredWhen = v.optional(v.record(text, v.array(text)));

const field = v.variant('type', [
	v.object({
		key: text,
		type: v.picklist(['text', 'textarea']),
		zh: name,
		en: name,
		required: v.boolean(),
		requiredWhen,
		// Room for at least one character: with none, a required field could never be filled.
		maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
		digits: v.optional(v.boolean())
	}),
	v.pipe(
		v.object({
			key: text,
			type: v.literal('number'),
			zh: name,
			en: name,
			required: v.boolean(),
			requiredWhen,
			min: v.optional(v.number()),
			max: v.optional(v.number()),
			integer: v.optional(v.boolean())
		}),
		// A field of whole numbers has whole bounds: with 1.2 to 1.8 none could be given.
		v.forward(
			v.check((f) => !f.integer || wholeOrNone(f.min), WHOLE_BOUND),
			['min']
		),
		v.forward(
			v.check((f) => !f.integer || wholeOrNone(f.max), WHOLE_BOUND),
			['max']
		),
		v.forward(
			v.check((f) => f.min === undefined || f.max === undefined || f.min <= f.max, BOUND_ORDER),
			['max']
		)
	),
	v.object({
		key: text,
		type: v.literal('date'),
		zh: name,
		en: name,
		required: v.boolean(),
		requiredWhen,
		past: v.optional(v.boolean()),
		notBefore: v.optional(text)
	}),
	v.object({
		key: text,
		type: v.literal('select'),
		zh: name,
		en: name,
		required: v.boolean(),
		requiredWhen,
		// A list is a choice: with one entry or none there is nothing to choose.
		options: v.pipe(v.array(v.object({ value: text, zh: line, en: line })), v.minLength(2))
	})
]);

/** Everyday names and abbreviations of a matter, in Chinese or English, each once. */
const aliases = v.pipe(
	v.array(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(30))),
	v.check((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, ALIAS_REPEAT)
);

export const categorySchema = v.object({
	id: text,
	zh: name,
	en: name,
	ticketPrefix: v.pipe(v.string(), v.length(1))
});
export const departmentSchema = v.object({ id: text, zh: name, en: name });

export const materialSchema = v.object({
	id: text,
	zh: address,
	en: address,
	form: v.picklist(['original', 'copy', 'original_and_copy', 'electronic']),
	count: v.pipe(v.number(), v.integer(), v.minValue(1)),
	noteZh: note,
	noteEn: note,
	when: v.record(v.string(), v.array(v.string()))
});

export const questionsSchema = v.array(
	v.object({
		id: text,
		zh: line,
		en: line,
		options: v.array(v.object({ id: text, zh: line, en: line }))
	})
);
/**
 * A date field that may not come before another names another date field of the same form, or
 * the applicant's birth, and no chain of them comes back to where it began (two dates each after
 * the other).
 */
export const formSchema = v.pipe(
	v.array(field),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const fields = dataset.value;
		const lists = new Map(
			fields.flatMap((f) =>
				f.type === 'select' ? [[f.key, new Set(f.options.map((o) => o.value))] as const] : []
			)
		);
		fields.forEach((f, i) => {
			const when = Object.entries(f.requiredWhen ?? {});
			const known = when.every(
				([key, choices]) =>
					key !== f.key && choices.length && choices.every((c) => lists.get(key)?.has(c))
			);
			if (known) return;
			addIssue({
				message: REQUIRED_WHEN,
				path: [
					{ type: 'array', origin: 'value', input: fields, key: i, value: f },
					{ type: 'object', origin: 'value', input: f, key: 'requiredWhen', value: f.requiredWhen }
				]
			});
		});
		const after = new Map(
			fields.flatMap((f) => (f.type === 'date' ? [[f.key, f.notBefore] as const] : []))
		);
		fields.forEach((f, i) => {
			if (f.type !== 'date' || f.notBefore === undefined || f.notBefore === APPLICANT_BIRTH) return;
			let message: string | undefined;
			if (f.notBefore === f.key || !after.has(f.notBefore)) message = NOT_BEFORE_DATE;
			else if (loopsBack(f.key, after)) message = NOT_BEFORE_LOOP;
			if (!message) return;
			addIssue({
				message,
				path: [
					{ type: 'array', origin: 'value', input: fields, key: i, value: f },
					{ type: 'object', origin: 'value', input: f, key: 'notBefore', value: f.notBefore }
				]
			});
		});
	})
);

/** Whether following each date's earlier one from `key` comes back to it. */
function loopsBack(key: string, after: Map<string, string | undefined>): boolean {
	let next = after.get(key);
	for (let steps = 0; next !== undefined && steps < after.size; steps++) {
		if (next === key) return true;
		next = after.get(next);
	}
	return false;
}

/** A matter's own fields, as the matters file and the catalogue document both hold them. */
export const matterEntries = {
	id: text,
	code: text,
	category: text,
	department: text,
	zh: name,
	en: name,
	aliases,
	summaryZh: summary,
	summaryEn: summary,
	conditions: v.array(lineZhEn),
	promisedDays: days,
	legalDays: days,
	fee: lineZhEn,
	legalBasis: v.array(lineZhEn),
	visits: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
	questions: questionsSchema,
	materials: v.array(materialSchema),
	form: formSchema
};

/** The days promised to finish a matter are within those the law allows. */
function promiseWithinLaw(m: { promisedDays: number; legalDays: number }): boolean {
	return m.promisedDays <= m.legalDays;
}

/** Aliases that repeat the name are refused: search finds the name anyway. */
function aliasesOutsideName({ zh, en, aliases }: Named): boolean {
	return aliases.every(
		(a) =>
			!zh.toLowerCase().includes(a.toLowerCase()) && !en.toLowerCase().includes(a.toLowerCase())
	);
}
type Named = { zh: string; en: string; aliases: string[] };

export const slotMinutes = v.pipe(v.number(), v.integer(), v.minValue(5));
export const maxDaysAhead = v.pipe(v.number(), v.integer(), v.minValue(1));

export const bundleSchema = v.object({
	id: text,
	zh: name,
	en: name,
	summaryZh: summary,
	summaryEn: summary,
	matters: v.pipe(v.array(text), v.minLength(2))
});

/**
 * A matter as the catalogue document holds it, with the checks across its fields: aliases outside
 * the name, the promised time limit within the legal one.
 */
export const matterSchema = v.pipe(
	v.object(matterEntries),
	v.forward(
		v.check((m) => aliasesOutsideName(m), ALIAS_IN_NAME),
		['aliases']
	),
	v.forward(
		v.check((m) => promiseWithinLaw(m), PROMISED_OVER_LEGAL),
		['promisedDays']
	)
);

export const mattersFile = v.object({
	categories: v.array(categorySchema),
	departments: v.array(departmentSchema),
	matters: v.array(
		v.intersect([
			matterSchema,
			// Where the seed places a matter: at every point of these kinds, with this slot rule.
			v.object({
				handledAt: v.pipe(v.array(pointKind), v.minLength(1)),
				slot: v.object({
					minutes: slotMinutes,
					capacityPerCounter: v.pipe(v.number(), v.integer(), v.minValue(1)),
					minHoursAhead: v.pipe(v.number(), v.minValue(0)),
					maxDaysAhead
				})
			})
		])
	),
	bundles: v.array(bundleSchema)
});

export type PointsFile = v.InferOutput<typeof pointsFile>;
export type MattersFile = v.InferOutput<typeof mattersFile>;
