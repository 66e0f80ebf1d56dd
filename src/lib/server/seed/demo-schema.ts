import * as v from 'valibot';

const text = v.pipe(v.string(), v.nonEmpty());
const zhEn = v.object({ zh: text, en: text });
const spans = v.array(v.tuple([v.pipe(v.string(), v.isoTime()), v.pipe(v.string(), v.isoTime())]));
const weekday = v.picklist(['1', '2', '3', '4', '5', '6', '7']);

export const pointsFile = v.object({
	towns: v.array(
		v.object({
			id: text,
			zh: text,
			en: text,
			kind: v.picklist(['subdistrict', 'town']),
			sort: v.number()
		})
	),
	points: v.array(
		v.object({
			id: text,
			town: text,
			kind: v.picklist(['centre', 'village', 'proxy']),
			zh: text,
			en: text,
			addressZh: text,
			addressEn: text,
			lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
			lng: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
			phone: v.string(),
			hours: v.record(weekday, spans),
			counters: v.pipe(v.number(), v.integer(), v.minValue(1))
		})
	),
	holidays: v.array(v.object({ date: v.pipe(v.string(), v.isoDate()), zh: text, en: text })),
	closures: v.array(
		v.object({ point: text, date: v.pipe(v.string(), v.isoDate()), zh: text, en: text })
	)
});

const field = v.variant('type', [
	v.object({
		key: text,
		type: v.picklist(['text', 'textarea']),
		zh: text,
		en: text,
		required: v.boolean(),
		maxLength: v.optional(v.number())
	}),
	v.object({
		key: text,
		type: v.literal('number'),
		zh: text,
		en: text,
		required: v.boolean(),
		min: v.optional(v.number()),
		max: v.optional(v.number())
	}),
	v.object({ key: text, type: v.literal('date'), zh: text, en: text, required: v.boolean() }),
	v.object({
		key: text,
		type: v.literal('select'),
		zh: text,
		en: text,
		required: v.boolean(),
		options: v.array(v.object({ value: text, zh: text, en: text }))
	})
]);

/** Everyday names and abbreviations of a matter, in Chinese or English, each once. */
const aliases = v.pipe(
	v.array(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(30))),
	v.check(
		(list) => new Set(list.map((a) => a.toLowerCase())).size === list.length,
		'An alias must not repeat'
	)
);

export const mattersFile = v.object({
	categories: v.array(
		v.object({ id: text, zh: text, en: text, ticketPrefix: v.pipe(v.string(), v.length(1)) })
	),
	departments: v.array(v.object({ id: text, zh: text, en: text })),
	matters: v.array(
		v.pipe(
			v.object({
				id: text,
				code: text,
				category: text,
				department: text,
				zh: text,
				en: text,
				aliases,
				summaryZh: text,
				summaryEn: text,
				conditions: v.array(zhEn),
				promisedDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
				legalDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
				fee: zhEn,
				legalBasis: v.array(zhEn),
				visits: v.pipe(v.number(), v.integer(), v.minValue(0)),
				handledAt: v.pipe(v.array(v.picklist(['centre', 'village', 'proxy'])), v.minLength(1)),
				slot: v.object({
					minutes: v.pipe(v.number(), v.integer(), v.minValue(5)),
					capacityPerCounter: v.pipe(v.number(), v.integer(), v.minValue(1)),
					minHoursAhead: v.pipe(v.number(), v.minValue(0)),
					maxDaysAhead: v.pipe(v.number(), v.integer(), v.minValue(1))
				}),
				questions: v.array(
					v.object({
						id: text,
						zh: text,
						en: text,
						options: v.array(v.object({ id: text, zh: text, en: text }))
					})
				),
				materials: v.array(
					v.object({
						id: text,
						zh: text,
						en: text,
						form: v.picklist(['original', 'copy', 'original_and_copy', 'electronic']),
						count: v.pipe(v.number(), v.integer(), v.minValue(1)),
						noteZh: v.string(),
						noteEn: v.string(),
						when: v.record(v.string(), v.array(v.string()))
					})
				),
				form: v.array(field)
			}),
			v.forward(
				v.check(
					({ zh, en, aliases }) =>
						aliases.every(
							(a) =>
								!zh.toLowerCase().includes(a.toLowerCase()) &&
								!en.toLowerCase().includes(a.toLowerCase())
						),
					'An alias must not be part of the name already: search finds the name anyway'
				),
				['aliases']
			)
		)
	),
	bundles: v.array(
		v.object({
			id: text,
			zh: text,
			en: text,
			summaryZh: text,
			summaryEn: text,
			matters: v.pipe(v.array(text), v.minLength(2))
		})
	)
});

export type PointsFile = v.InferOutput<typeof pointsFile>;
export type MattersFile = v.InferOutput<typeof mattersFile>;
