import type { FieldIssue } from '$lib/schemas/issues';

/**
 * What an admin form shows: after a refused submit, what was typed (nothing lost); otherwise the
 * saved value. Errors looked up by field name.
 */
export function formState(form: unknown) {
	const f = (form ?? {}) as { values?: Record<string, string>; errors?: FieldIssue[] };
	const values = f.values;
	const errors = f.errors ?? [];
	return {
		errors,
		submitted: !!values,
		value: (name: string, saved: string | number | undefined | null) =>
			values ? (values[name] ?? '') : saved === undefined || saved === null ? '' : String(saved),
		checked: (name: string, saved: boolean) => (values ? !!values[name] : saved),
		error: (name: string) => errors.find((e) => e.field === name)?.message
	};
}

export type FormState = ReturnType<typeof formState>;
