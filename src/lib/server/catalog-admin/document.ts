import * as v from 'valibot';
import {
	bundleSchema,
	categorySchema,
	departmentSchema,
	isoDate,
	matterSchema,
	maxDaysAhead,
	pointEntries,
	slotMinutes,
	text,
	townSchema
} from '../seed/demo-schema';

export const AHEAD_WINDOW =
	"A slot rule's least notice must be shorter than the days it may be booked ahead";

/** A point's slot rule for one matter it handles. */
export const serviceSchema = v.pipe(
	v.object({
		matter: text,
		slotMinutes,
		capacity: v.pipe(v.number(), v.integer(), v.minValue(1)),
		minHoursAhead: v.pipe(v.number(), v.integer(), v.minValue(0)),
		maxDaysAhead
	}),
	// With as much notice asked as the days open for booking, no time could ever be booked.
	v.forward(
		v.check((s) => s.minHoursAhead < s.maxDaysAhead * 24, AHEAD_WINDOW),
		['minHoursAhead']
	)
);

export const closureSchema = v.object({ date: isoDate, zh: text, en: text });

export const docPointSchema = v.object({
	...pointEntries,
	closures: v.array(closureSchema),
	services: v.array(serviceSchema)
});

export const docMatterSchema = matterSchema;

/**
 * The whole catalogue as one document, table by table as the database holds it: what a draft
 * keeps, what a published version stores, and what restoring writes back. Built from the seed
 * files' own schemas.
 */
export const catalogDocument = v.object({
	categories: v.array(categorySchema),
	departments: v.array(departmentSchema),
	towns: v.array(townSchema),
	points: v.array(docPointSchema),
	matters: v.array(docMatterSchema),
	bundles: v.array(bundleSchema)
});

export type CatalogDocument = v.InferOutput<typeof catalogDocument>;
export type DocPoint = CatalogDocument['points'][number];
export type DocMatter = CatalogDocument['matters'][number];
export type DocService = DocPoint['services'][number];
export type DocTown = CatalogDocument['towns'][number];
