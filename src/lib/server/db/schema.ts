import type { ColumnType } from 'kysely';

/** JSON kept as text, so one schema serves SQLite and PostgreSQL alike. */
type JsonText = string;

export interface MetaTable {
	key: string;
	value: string;
}

export interface CategoryTable {
	id: string;
	name_zh: string;
	name_en: string;
	/** Letter that starts this category's ticket numbers at a counter. */
	ticket_prefix: string;
	sort: number;
}

export interface DepartmentTable {
	id: string;
	name_zh: string;
	name_en: string;
}

export interface TownTable {
	id: string;
	name_zh: string;
	name_en: string;
	kind: 'subdistrict' | 'town';
	sort: number;
}

export interface PointTable {
	id: string;
	town_id: string;
	kind: 'centre' | 'village' | 'proxy';
	name_zh: string;
	name_en: string;
	address_zh: string;
	address_en: string;
	lat: number;
	lng: number;
	phone: string;
	/** Weekly opening hours: `{"1":[["08:30","12:00"],["13:30","17:00"]], …}`, keys 1 (Mon) to 7 (Sun). */
	hours: JsonText;
	counters: number;
}

export interface PointClosureTable {
	point_id: string;
	date: string;
	reason_zh: string;
	reason_en: string;
}

export interface MatterTable {
	id: string;
	code: string;
	category_id: string;
	department_id: string;
	name_zh: string;
	name_en: string;
	summary_zh: string;
	summary_en: string;
	/** `[{zh, en}]` */
	conditions: JsonText;
	promised_days: number;
	legal_days: number;
	fee_zh: string;
	fee_en: string;
	legal_basis: JsonText;
	visits: number;
	/** Situation questions: `[{id, zh, en, options: [{id, zh, en}]}]` */
	questions: JsonText;
	/** The matter's own form fields: `[{key, type, zh, en, required, options?, min?, max?}]` */
	form: JsonText;
	sort: number;
}

export interface MaterialTable {
	matter_id: string;
	id: string;
	name_zh: string;
	name_en: string;
	form: 'original' | 'copy' | 'original_and_copy' | 'electronic';
	count: number;
	note_zh: string;
	note_en: string;
	/** Which situation answers call for it: `{questionId: [optionId, …]}`; `{}` means always. */
	when: JsonText;
	sort: number;
}

export interface PointMatterTable {
	point_id: string;
	matter_id: string;
	slot_minutes: number;
	capacity: number;
	min_hours_ahead: number;
	max_days_ahead: number;
}

export interface BundleTable {
	id: string;
	name_zh: string;
	name_en: string;
	summary_zh: string;
	summary_en: string;
	sort: number;
}

export interface BundleMatterTable {
	bundle_id: string;
	matter_id: string;
	sort: number;
}

export interface SlotCountTable {
	point_id: string;
	matter_id: string;
	/** `YYYY-MM-DDTHH:mm+08:00` */
	slot_start: string;
	booked: number;
}

export interface Database {
	meta: MetaTable;
	categories: CategoryTable;
	departments: DepartmentTable;
	towns: TownTable;
	points: PointTable;
	point_closures: PointClosureTable;
	matters: MatterTable;
	materials: MaterialTable;
	point_matters: PointMatterTable;
	bundles: BundleTable;
	bundle_matters: BundleMatterTable;
	slot_counts: SlotCountTable;
}

export type Generated<T> = ColumnType<T, T | undefined, T>;
