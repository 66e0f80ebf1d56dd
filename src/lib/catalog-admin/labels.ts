import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

type Locale = 'zh' | 'en';
type Label = (i: object, o: { locale?: Locale }) => string;

/** The reader's name of each field of the catalogue document (and of each changed field). */
const LABELS: Record<string, Label> = {
	id: m.catalog_f_id,
	code: m.catalog_f_code,
	name: m.catalog_f_name,
	zh: m.catalog_f_zh,
	en: m.catalog_f_en,
	category: m.catalog_f_category,
	department: m.catalog_f_department,
	aliases: m.catalog_f_aliases,
	summary: m.catalog_f_summary,
	summaryZh: m.catalog_f_summary_zh,
	summaryEn: m.catalog_f_summary_en,
	conditions: m.catalog_f_conditions,
	promisedDays: m.catalog_f_promised_days,
	legalDays: m.catalog_f_legal_days,
	fee: m.catalog_f_fee,
	legalBasis: m.catalog_f_legal_basis,
	visits: m.catalog_f_visits,
	questions: m.catalog_f_questions,
	options: m.catalog_f_options,
	key: m.catalog_f_field_key,
	type: m.catalog_f_field_type,
	required: m.catalog_f_required,
	maxLength: m.catalog_f_max_length,
	min: m.catalog_f_min,
	max: m.catalog_f_max,
	integer: m.catalog_f_integer,
	past: m.catalog_f_past,
	digits: m.catalog_f_digits,
	notBefore: m.catalog_f_not_before,
	requiredWhen: m.catalog_f_required_when,
	materials: m.catalog_f_materials,
	form: m.catalog_f_form,
	count: m.catalog_f_count,
	noteZh: m.catalog_f_note_zh,
	noteEn: m.catalog_f_note_en,
	when: m.catalog_f_when,
	town: m.catalog_f_town,
	kind: m.catalog_f_kind,
	address: m.catalog_f_address,
	addressZh: m.catalog_f_address_zh,
	addressEn: m.catalog_f_address_en,
	coordinates: m.catalog_f_coordinates,
	lat: m.catalog_f_lat,
	lng: m.catalog_f_lng,
	phone: m.catalog_f_phone,
	hours: m.catalog_f_hours,
	counters: m.catalog_f_counters,
	closures: m.catalog_f_closures,
	date: m.catalog_f_date,
	services: m.catalog_f_services,
	matter: m.catalog_f_matter,
	slotMinutes: m.catalog_f_slot_minutes,
	capacity: m.catalog_f_capacity,
	minHoursAhead: m.catalog_f_min_hours,
	maxDaysAhead: m.catalog_f_max_days,
	sort: m.catalog_f_sort,
	ticketPrefix: m.catalog_f_ticket_prefix,
	matters: m.catalog_f_matters,
	towns: m.catalog_f_towns,
	points: m.catalog_f_points,
	bundles: m.catalog_f_bundles,
	categories: m.catalog_f_categories,
	departments: m.catalog_f_departments
};

/** A field and its part that the forms show as one field of its own, named as it is labelled. */
const PAIRS: Record<string, Label> = {
	'fee.zh': m.catalog_f_fee_zh,
	'fee.en': m.catalog_f_fee_en
};

/** The texts of a list's items, labelled by language alone: "办理条件 #2 › 中文". */
const TEXTS: Record<string, Label> = {
	'conditions.zh': m.catalog_f_text_zh,
	'conditions.en': m.catalog_f_text_en,
	'legalBasis.zh': m.catalog_f_text_zh,
	'legalBasis.en': m.catalog_f_text_en,
	'questions.zh': m.catalog_f_text_zh,
	'questions.en': m.catalog_f_text_en,
	'form.zh': m.catalog_f_text_zh,
	'form.en': m.catalog_f_text_en
};

const WEEKDAY = /^[1-7]$/;

export function fieldLabel(field: string, locale: Locale = getLocale()): string {
	if (WEEKDAY.test(field)) return m[`weekday_${field}` as 'weekday_1']({}, { locale });
	return LABELS[field]?.({}, { locale }) ?? field;
}

/**
 * A path in the document as a reader names it: "申请材料 #2 › 份数". `names`: what a key that is an
 * entry's id (a matter a point handles) is called.
 */
export function pathLabel(
	path: readonly (string | number)[],
	locale: Locale = getLocale(),
	names?: ReadonlyMap<string, string>
): string {
	const parts: string[] = [];
	for (const [i, key] of path.entries()) {
		const pair = PAIRS[`${path[i - 1]}.${key}`];
		const text = TEXTS[`${path[i - 2]}.${key}`];
		if (pair) parts[parts.length - 1] = pair({}, { locale });
		else if (text) parts.push(text({}, { locale }));
		else if (typeof key === 'number' || /^\d+$/.test(key)) {
			// A weekday's hours are keyed by digits too; a list's items count from one.
			if (typeof key === 'string' && parts.at(-1) === fieldLabel('hours', locale)) {
				parts.push(fieldLabel(key, locale));
			} else if (parts.length) parts[parts.length - 1] += ` #${Number(key) + 1}`;
			else parts.push(`#${Number(key) + 1}`);
		} else parts.push(names?.get(key) ?? fieldLabel(key, locale));
	}
	return parts.join(' › ');
}
