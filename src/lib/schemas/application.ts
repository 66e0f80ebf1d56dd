import * as v from 'valibot';
import { isRealDate } from '$lib/catalog/dates';
import { APPLICANT_BIRTH, type FormField } from '$lib/catalog/types';
import { isRequired } from '$lib/catalog/required';
import { m } from '$lib/paraglide/messages';
import { EARLIEST_DATE, latestDate } from '$lib/form-dates';
import { birthDateOf, idNumberFault } from './id-number';
import {
	describeIssues,
	maxChars,
	nestIssues,
	reason,
	type FieldIssue,
	type FieldLabels
} from './issues';

const required = reason({ k: 'required' });

const INVISIBLE = /[\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * What no one types and no screen should show: control characters (a line break kept where the
 * field has lines), invisible format characters (zero-width spaces, right-to-left overrides), the
 * other characters Unicode says to show as nothing (Hangul fillers, variation selectors, soft
 * hyphens) and halves of a character. A name of zero-width spaces alone is then empty, as it looks.
 * The blank Braille pattern is no space to Unicode but shows as one: it is read as one.
 */
const unseen = (multiline: boolean) =>
	v.transform((s: string) =>
		s
			.replace(INVISIBLE, '')
			.replace(multiline ? /[^\P{Cc}\n\r\t]|\u2800/gu : /\p{Cc}|\u2800/gu, ' ')
	);

const text = (max: number, multiline = false) =>
	v.pipe(v.string(required), unseen(multiline), v.trim(), v.nonEmpty(required), maxChars(max));

/** Digits (and the ID number's X) as a Chinese keyboard in full-width mode types them: "１２３". */
const halfWidth = (s: string) =>
	s.replace(/[０-９Ｘｘ．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Spaces and dashes people type to group digits ("138 0013-8000"), and the invisible marks a number
 * pasted from a chat carries.
 */
const stripSeparators = (s: string) =>
	halfWidth(s)
		.replace(INVISIBLE, '')
		.replace(/[\s\-‐–—]/g, '');
const withoutSeparators = v.transform(stripSeparators);

/**
 * A mobile number as typed, as the application will hold it: pasted from contacts it may carry the
 * country code ("+86 138…", "(+86)", "0086").
 */
const phoneAsHeld = (typed: string) =>
	stripSeparators(typed).replace(/^\(?(?:\+|00)?86\)?(?=1\d{10}$)/, '');

/** An ID number as typed, as the application will hold it: "１１０１ ０５…x" is "110105…X". */
export const idNumberAsHeld = (typed: string) => stripSeparators(typed).toUpperCase();

/**
 * A number as typed: full-width, its thousands grouped by commas ("1,200", "１，２００"). Digits
 * alone: "1e3" or "0x10", which JavaScript would read as 1000 and 16, is no number.
 */
const typedNumber = (s: string) => {
	const plain = halfWidth(s).replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1');
	return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : NaN;
};

export const applicantSchema = v.object({
	// A person's name in any script, with its marks and dots (阿依古丽·买买提), but no emoji or symbol.
	name: v.pipe(
		text(50),
		v.check((s) => !/[\p{S}\p{Extended_Pictographic}]/u.test(s), reason({ k: 'name' }))
	),
	idNumber: v.pipe(
		v.string(required),
		v.transform(idNumberAsHeld),
		v.nonEmpty(required),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const fault = idNumberFault(dataset.value);
			if (fault) addIssue({ message: reason({ k: fault === 'check' ? 'idCheck' : 'idNumber' }) });
		})
	),
	phone: v.pipe(
		v.string(required),
		v.transform(phoneAsHeld),
		v.nonEmpty(required),
		v.regex(/^1[3-9]\d{9}$/, reason({ k: 'phone' }))
	)
});
export type Applicant = v.InferOutput<typeof applicantSchema>;

export const applicantLabels: FieldLabels = {
	'applicant.name': m.field_applicant_name,
	'applicant.idNumber': m.field_applicant_id,
	'applicant.phone': m.field_applicant_phone
};

/** Text of spaces, or of what no one sees, in a field that may be left empty: as empty as it looks. */
const blankAsEmpty = v.transform((x: unknown) =>
	typeof x === 'string' &&
	!x
		.replace(INVISIBLE, '')
		.replace(/[\p{Cc}\u2800]/gu, ' ')
		.trim()
		? ''
		: x
);

/** A schema for a matter's own form, built from its definition in the catalogue. */
export function formSchema(fields: FormField[]) {
	const entries: Record<string, v.GenericSchema<unknown, unknown>> = {};
	for (const f of fields) {
		let schema: v.GenericSchema<unknown, unknown>;
		switch (f.type) {
			case 'number': {
				const min = f.min ?? -1e12;
				const max = f.max ?? 1e12;
				const range = reason({ k: f.integer ? 'int' : 'range', min, max });
				schema = v.pipe(
					v.union(
						[
							v.number(),
							v.pipe(v.string(), v.trim(), v.nonEmpty(required), v.transform(typedNumber))
						],
						required
					),
					// Not a type check: an optional field's blank-or-number union then names this issue.
					v.check((n) => Number.isFinite(n), reason({ k: 'number' })),
					v.check((n) => !f.integer || Number.isInteger(n), range),
					v.minValue(min, range),
					v.maxValue(max, range)
				);
				break;
			}
			case 'date':
				schema = v.pipe(
					v.string(required),
					v.isoDate(reason({ k: 'date' })),
					v.check(isRealDate, reason({ k: 'date' })),
					v.rawCheck(({ dataset, addIssue }) => {
						if (!dataset.typed) return;
						const max = latestDate(f.past);
						if (dataset.value < EARLIEST_DATE || dataset.value > max)
							addIssue({ message: reason({ k: 'dateRange', min: EARLIEST_DATE, max }) });
					})
				);
				break;
			case 'select':
				// A list never touched is left out of the form: still a choice to make, not text to fill in.
				schema = v.pipe(
					v.optional(v.unknown(), ''),
					v.picklist(
						f.options.map((o) => o.value),
						reason({ k: 'choice' })
					)
				);
				break;
			default:
				schema = f.digits
					? v.pipe(
							v.string(required),
							withoutSeparators,
							v.nonEmpty(required),
							v.regex(/^\d+$/, reason({ k: 'digits' })),
							maxChars(f.maxLength ?? 500)
						)
					: text(f.maxLength ?? 500, f.type === 'textarea');
		}
		entries[f.key] = f.required
			? schema
			: v.optional(v.pipe(v.unknown(), blankAsEmpty, v.union([v.literal(''), schema])));
	}
	return v.pipe(
		v.object(entries),
		...fields.flatMap((f) => dateOrder(f, fields)),
		...fields.flatMap((f) => requiredByChoice(f))
	);
}

/**
 * A field required for some answers of a list, left blank once one of them is chosen: named as any
 * required field left blank (unless already at fault itself).
 */
function requiredByChoice(f: FormField) {
	if (f.required || !f.requiredWhen || !Object.keys(f.requiredWhen).length) return [];
	return [
		v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
			const value = dataset.value as Record<string, unknown> | null;
			if (!value || typeof value !== 'object' || !isRequired(f, value)) return;
			if (dataset.issues?.some((issue) => issue.path?.[0]?.key === f.key)) return;
			const given = value[f.key];
			if (given !== undefined && given !== '') return;
			addIssue({
				message: required,
				path: [{ type: 'object', origin: 'value', input: value, key: f.key, value: given }]
			});
		})
	];
}

/**
 * A date field's day against the one it may not come before: only once both are given and neither
 * is at fault itself (a day that does not exist is named as such, not also as out of order).
 */
function dateOrder(f: FormField, fields: FormField[]) {
	if (f.type !== 'date' || !fields.some((o) => o.key === f.notBefore && o.type === 'date'))
		return [];
	const [later, earlier] = [f.key, f.notBefore!];
	return [
		v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
			const value = dataset.value as Record<string, unknown> | null;
			if (!value || typeof value !== 'object') return;
			const faulted = dataset.issues?.some((issue) => {
				const key = issue.path?.[0]?.key;
				return key === later || key === earlier;
			});
			const [day, other] = [value[later], value[earlier]];
			if (faulted || typeof day !== 'string' || typeof other !== 'string' || !day || !other) return;
			if (day >= other) return;
			addIssue({
				message: reason({ k: 'notBefore', other: earlier }),
				path: [{ type: 'object', origin: 'value', input: value, key: later, value: day }]
			});
		})
	];
}

export function formLabels(fields: FormField[], locale: 'zh' | 'en'): FieldLabels {
	return Object.fromEntries(fields.map((f) => [`fields.${f.key}`, () => f[locale]]));
}

/**
 * An application's applicant and matter fields read as the server reads them, or every field at
 * fault named in the reader's language: the form checks with it before queueing, the server on
 * submit.
 */
export function parseApplication(
	input: { applicant: unknown; fields: unknown },
	form: { fields: FormField[]; schema: ReturnType<typeof formSchema> },
	locale: 'zh' | 'en'
): { applicant: Applicant; fields: Record<string, unknown> } | { issues: FieldIssue[] } {
	const applicant = v.safeParse(applicantSchema, input.applicant);
	const fields = v.safeParse(form.schema, input.fields);
	// Checked once the ID number is right, on each date not already wrong in itself.
	const id = applicant.success
		? { success: true as const, output: applicant.output.idNumber }
		: v.safeParse(
				applicantSchema.entries.idNumber,
				(input.applicant as { idNumber?: unknown } | null)?.idNumber
			);
	const faulted = new Set(fields.success ? [] : fields.issues.map((i) => i.path?.[0]?.key));
	const beforeBirth = id.success
		? bornAfter(id.output, form.fields, input.fields, faulted, locale)
		: [];
	if (applicant.success && fields.success && !beforeBirth.length) {
		return { applicant: applicant.output, fields: fields.output };
	}
	return {
		issues: [
			...(applicant.success
				? []
				: describeIssues(nestIssues(applicant.issues, 'applicant'), applicantLabels)),
			...(fields.success
				? []
				: describeIssues(nestIssues(fields.issues, 'fields'), formLabels(form.fields, locale))),
			...beforeBirth
		]
	};
}

/** The date fields that may not come before the applicant's birth, given before it. */
function bornAfter(
	idNumber: string,
	fields: FormField[],
	values: unknown,
	faulted: Set<unknown>,
	locale: 'zh' | 'en'
): FieldIssue[] {
	const birth = birthDateOf(idNumber);
	return fields.flatMap((f) => {
		const day = (values as Record<string, unknown> | null)?.[f.key];
		if (f.type !== 'date' || f.notBefore !== APPLICANT_BIRTH || faulted.has(f.key)) return [];
		if (typeof day !== 'string' || !day || day >= birth) return [];
		const message = m.err_before_birth({ field: f[locale], birth }, { locale });
		return [{ field: `fields.${f.key}`, message }];
	});
}
