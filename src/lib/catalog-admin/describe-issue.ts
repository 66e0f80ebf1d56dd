import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

type Locale = 'zh' | 'en';

/** A problem of the catalogue document at a field (see `validateDocument` on the server). */
export interface CatalogIssue {
	path: (string | number)[];
	code: string;
	detail?: string | number;
}

/** The problem in the reader's language, naming the field as `field` says. */
export function issueMessage(
	issue: CatalogIssue,
	field: string,
	locale: Locale = getLocale()
): string {
	const o = { locale };
	const detail = String(issue.detail ?? '');
	switch (issue.code) {
		case 'required':
		case 'non_empty':
			return m.err_required({ field }, o);
		case 'min_value':
			return m.catalog_err_min({ field, min: detail }, o);
		case 'max_value':
			return m.catalog_err_max({ field, max: detail }, o);
		case 'integer':
			return m.catalog_err_integer({ field }, o);
		case 'bound_order':
			return m.catalog_err_bound_order({ field }, o);
		case 'ahead_window':
			return m.catalog_err_ahead_window({ field }, o);
		case 'number':
			return m.err_number({ field }, o);
		case 'iso_time':
			return m.catalog_err_time({ field }, o);
		case 'iso_date':
			return m.err_date({ field }, o);
		case 'picklist':
		case 'variant':
		case 'literal':
			return m.err_choice({ field }, o);
		case 'max_length':
			return m.err_too_long({ field, max: detail }, o);
		case 'min_length':
			return m.catalog_err_min_items({ field, min: detail }, o);
		case 'alias_in_name':
			return m.catalog_err_alias_in_name({ field }, o);
		case 'alias_repeat':
			return m.catalog_err_alias_repeat({ field }, o);
		case 'span_order':
			return m.catalog_err_span_order({ field }, o);
		case 'spans_overlap':
			return m.catalog_err_spans_overlap({ field }, o);
		case 'duplicate':
			return m.catalog_err_duplicate({ field, value: detail }, o);
		case 'unknown_ref':
			return m.catalog_err_unknown_ref({ field, value: detail }, o);
		case 'phone':
			return m.catalog_err_phone({ field }, o);
		case 'promised_over_legal':
			return m.catalog_err_promised_over_legal({ field }, o);
		case 'not_before_date':
			return m.catalog_err_not_before_date({ field }, o);
		case 'not_before_loop':
			return m.catalog_err_not_before_loop({ field }, o);
		case 'required_when':
			return m.catalog_err_required_when({ field }, o);
		case 'id_format':
			return m.catalog_err_id_format({ field }, o);
		case 'other_town':
			return m.catalog_err_other_town({}, o);
		case 'city_only':
			return m.catalog_err_city_hall({}, o);
		case 'hours':
			return m.catalog_err_hours({ field }, o);
		case 'inner_id_format':
			return m.catalog_err_inner_id({ field }, o);
		case 'option_id':
			return m.catalog_err_option_id({ field, line: detail }, o);
		case 'option_line':
			return m.catalog_err_option_line({ field, line: detail }, o);
		default:
			return m.err_format({ field }, o);
	}
}
