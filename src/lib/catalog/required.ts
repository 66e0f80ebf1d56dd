import type { FormField } from './types';

/** Whether a form field must be filled in, given the form's answers so far. */
export const isRequired = (f: FormField, values: Record<string, unknown>): boolean =>
	f.required ||
	Object.entries(f.requiredWhen ?? {}).some(([key, choices]) =>
		choices.includes(values[key] as string)
	);
