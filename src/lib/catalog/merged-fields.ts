import type { FormField } from './types';

/** Field definitions of several matters, each key once (a bundle asks a shared field once). */
export function mergedFields(forms: FormField[][]): FormField[] {
	const seen = new Map<string, FormField>();
	for (const form of forms) for (const f of form) if (!seen.has(f.key)) seen.set(f.key, f);
	return [...seen.values()];
}
