import type { FormField } from './types';

/**
 * Field definitions of several matters, each key once: a bundle asks a field its matters share
 * once, under the rules of every one of them (required if any requires it, the shortest length,
 * the narrowest range, whole numbers or digits only if any asks for them, a past day if any asks for one, a day's
 * order against another if any asks for it, only the choices all of them offer, required for each
 * answer of a list for which any requires it), in the first one's words. Where one asks for
 * another type of answer, the first one's type stands.
 */
export function mergedFields(forms: FormField[][]): FormField[] {
	const merged = new Map<string, FormField>();
	for (const form of forms) {
		for (const field of form) {
			const first = merged.get(field.key);
			merged.set(field.key, first ? withConditions(stricter(first, field), first, field) : field);
		}
	}
	return [...merged.values()];
}

const least = (a?: number, b?: number) =>
	a === undefined ? b : b === undefined ? a : Math.min(a, b);
const most = (a?: number, b?: number) =>
	a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** Required for the answers for which either requires it; no conditions once always required. */
function withConditions(merged: FormField, a: FormField, b: FormField): FormField {
	const field = { ...merged };
	delete field.requiredWhen;
	if (field.required) return field;
	const when: Record<string, string[]> = {};
	for (const [key, choices] of [a, b].flatMap((f) => Object.entries(f.requiredWhen ?? {})))
		when[key] = [...new Set([...(when[key] ?? []), ...choices])];
	return Object.keys(when).length ? { ...field, requiredWhen: when } : field;
}

function stricter(a: FormField, b: FormField): FormField {
	const required = a.required || b.required;
	if (a.type === 'number' && b.type === 'number') {
		const integer = a.integer || b.integer;
		return {
			...a,
			required,
			min: most(a.min, b.min),
			max: least(a.max, b.max),
			...(integer && { integer })
		};
	}
	if (a.type === 'select' && b.type === 'select') {
		const offered = new Set(b.options.map((o) => o.value));
		return { ...a, required, options: a.options.filter((o) => offered.has(o.value)) };
	}
	if ((a.type === 'text' || a.type === 'textarea') && (b.type === 'text' || b.type === 'textarea'))
		return {
			...a,
			required,
			maxLength: least(a.maxLength, b.maxLength),
			...((a.digits || b.digits) && { digits: true })
		};
	if (a.type === 'date' && b.type === 'date') {
		const past = a.past || b.past;
		const notBefore = a.notBefore ?? b.notBefore;
		return { ...a, required, ...(past && { past }), ...(notBefore && { notBefore }) };
	}
	return { ...a, required };
}
