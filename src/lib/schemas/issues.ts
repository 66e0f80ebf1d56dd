import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';

/**
 * Schemas carry a reason token instead of a sentence; `describeIssues` turns the token into a
 * message in the reader's language that names the field.
 */
type Reason =
	| { k: 'required' }
	| { k: 'date' }
	| { k: 'int'; min: number; max: number }
	| { k: 'length'; max: number }
	| { k: 'items'; max: number }
	| { k: 'choice' }
	| { k: 'number' }
	| { k: 'range'; min: number; max: number }
	| { k: 'dateRange'; min: string; max: string }
	/** A date before the one another field beside it names (by its key). */
	| { k: 'notBefore'; other: string }
	| { k: 'period'; years: number }
	| { k: 'digits' }
	| { k: 'idNumber' }
	/** An ID number whose check character does not match the rest. */
	| { k: 'idCheck' }
	| { k: 'phone' }
	| { k: 'name' }
	| { k: 'uuid' }
	| { k: 'format' };

export const reason = (r: Reason): string => JSON.stringify(r);

/** Characters as a reader counts them: one written with two UTF-16 units (𠀀, 😀) is one. */
export function charCount(s: string): number {
	let n = s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xdc00 && c <= 0xdfff) n--;
	}
	return n;
}

/** At most `max` characters, as `charCount` counts them. */
export const maxChars = (max: number) =>
	v.check((s: string) => charCount(s) <= max, reason({ k: 'length', max }));

export interface FieldIssue {
	field: string;
	message: string;
}

/** Field labels by field path, in the reader's language. */
export type FieldLabels = Record<string, () => string>;

/** One problem per field (its first: an empty field is "required", not also "malformed"). */
export function describeIssues(
	issues: readonly v.BaseIssue<unknown>[],
	labels: FieldLabels
): FieldIssue[] {
	const described = new Map<string, FieldIssue>();
	for (const issue of issues) {
		const field = v.getDotPath(issue) ?? '';
		if (described.has(field)) continue;
		const label = labels[field]?.() ?? field;
		described.set(field, { field, message: explain(issue, label, labels, field) });
	}
	return [...described.values()];
}

function explain(
	issue: v.BaseIssue<unknown>,
	field: string,
	labels: FieldLabels,
	path: string
): string {
	let r: Reason | undefined;
	try {
		r = JSON.parse(issue.message) as Reason;
	} catch {
		r = undefined;
	}
	// A list left unchosen is asked to be chosen from, not "filled in".
	if (r?.k === 'choice') return m.err_choice({ field });
	// A value of the wrong type (a number where text goes) was given: it is malformed, not missing.
	const given = issue.input !== undefined && issue.input !== '';
	const wrongType =
		given && issue.input !== null && issue.kind === 'schema' && typeof issue.input !== 'string';
	if (!given || (r?.k === 'required' && !wrongType)) {
		return m.err_required({ field });
	}
	switch (r?.k) {
		case 'date':
			return m.err_date({ field });
		case 'int':
			return m.err_int_range({ field, min: String(r.min), max: String(r.max) });
		case 'length':
			return m.err_too_long({ field, max: String(r.max) });
		case 'items':
			return m.err_too_many({ field, max: String(r.max) });
		case 'number':
			return m.err_number({ field });
		case 'range':
		case 'dateRange':
			return m.err_range({ field, min: String(r.min), max: String(r.max) });
		case 'notBefore': {
			// The other field is named beside this one: `fields.discharged` against `fields.enlisted`.
			const other = path.includes('.')
				? `${path.slice(0, path.lastIndexOf('.'))}.${r.other}`
				: r.other;
			return m.err_not_before({ field, other: labels[other]?.() ?? r.other });
		}
		case 'period':
			return m.err_period({ field, years: String(r.years) });
		case 'digits':
			return m.err_digits({ field });
		case 'idNumber':
			return m.err_id_number({ field });
		case 'idCheck':
			return m.err_id_check({ field });
		case 'phone':
			return m.err_phone({ field });
		case 'name':
			return m.err_name({ field });
		default:
			return m.err_format({ field });
	}
}

/** Issues of a nested object, named from the enclosing one (`applicant.phone`). */
export function nestIssues<T extends v.BaseIssue<unknown>>(issues: readonly T[], key: string): T[] {
	return issues.map((issue) => ({
		...issue,
		path: [
			{ type: 'object', origin: 'value', input: {}, key, value: issue.input },
			...(issue.path ?? [])
		]
	})) as T[];
}
