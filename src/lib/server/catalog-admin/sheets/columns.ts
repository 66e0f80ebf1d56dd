import { m } from '$lib/paraglide/messages';

export type SheetKind = 'points' | 'matters';

/** A spreadsheet column: the document field it holds and its heading in each language. */
export interface Column {
	key: string;
	heading: (o?: { locale?: 'zh' | 'en' }) => string;
	/** Left empty in a row, the value stays as it is for an existing entry. */
	optional?: boolean;
}

type Msg = (i: object, o?: { locale?: 'zh' | 'en' }) => string;
const col = (key: string, heading: Msg, optional = false): Column => ({
	key,
	heading: (o) => heading({}, o),
	optional
});
const day = (d: number): Msg => m[`weekday_${d}` as 'weekday_1'];

export const COLUMNS: Record<SheetKind, Column[]> = {
	points: [
		col('id', m.catalog_f_id),
		col('town', m.catalog_f_town),
		col('kind', m.catalog_f_kind),
		col('zh', m.catalog_f_zh),
		col('en', m.catalog_f_en),
		col('addressZh', m.catalog_f_address_zh),
		col('addressEn', m.catalog_f_address_en),
		col('lat', m.catalog_f_lat),
		col('lng', m.catalog_f_lng),
		col('phone', m.catalog_f_phone),
		col('counters', m.catalog_f_counters),
		...[1, 2, 3, 4, 5, 6, 7].map((d) => col(`hours.${d}`, day(d))),
		col('services', m.catalog_f_services, true)
	],
	matters: [
		col('id', m.catalog_f_id),
		col('code', m.catalog_f_code),
		col('category', m.catalog_f_category),
		col('department', m.catalog_f_department),
		col('zh', m.catalog_f_zh),
		col('en', m.catalog_f_en),
		col('aliases', m.catalog_f_aliases, true),
		col('summaryZh', m.catalog_f_summary_zh),
		col('summaryEn', m.catalog_f_summary_en),
		col('promisedDays', m.catalog_f_promised_days_input),
		col('legalDays', m.catalog_f_legal_days_input),
		col('visits', m.catalog_f_visits),
		col('fee.zh', m.catalog_f_fee_zh),
		col('fee.en', m.catalog_f_fee_en)
	]
};

/** Where each column is in the sheet, by its heading in either language. */
export function locateColumns(
	kind: SheetKind,
	header: string[]
): { at: Map<string, number>; missing: Column[] } {
	const at = new Map<string, number>();
	const normal = header.map((h) => h.trim().toLowerCase());
	for (const c of COLUMNS[kind]) {
		const i = normal.findIndex(
			(h) =>
				h === c.heading({ locale: 'zh' }).toLowerCase() ||
				h === c.heading({ locale: 'en' }).toLowerCase() ||
				h === c.key.toLowerCase()
		);
		if (i >= 0) at.set(c.key, i);
	}
	return { at, missing: COLUMNS[kind].filter((c) => !c.optional && !at.has(c.key)) };
}
