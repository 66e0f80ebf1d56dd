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
		error: (name: string) => errors.find((e) => e.field === name)?.message,
		/**
		 * The rows of a repeated group (`group.N.…`): after a refused submit the ones sent; otherwise
		 * each saved entry, then one blank row to add another (left blank, it is ignored).
		 */
		rows: (group: string, saved: number): number[] => {
			if (!values) return Array.from({ length: saved + 1 }, (_, i) => i);
			const seen = new Set<number>();
			const pattern = new RegExp(`^${group}\\.(\\d+)\\.`);
			for (const name of Object.keys(values)) {
				const match = pattern.exec(name);
				if (match) seen.add(Number(match[1]));
			}
			return [...seen].sort((a, b) => a - b);
		}
	};
}

export type FormState = ReturnType<typeof formState>;
