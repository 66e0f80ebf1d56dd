import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { pathLabel } from '$lib/catalog-admin/labels';
import type { FieldIssue } from '$lib/schemas/issues';
import type { DocIssue, DocPath } from './validate';

/**
 * A document's issues as a form shows them: those under `prefix` at the form's own field (its
 * path from there, dotted: `materials.1.count`), the others with their whole path named.
 */
export function formIssues(
	issues: DocIssue[],
	prefix: DocPath,
	rename: (path: DocPath) => DocPath = (p) => p
): FieldIssue[] {
	const out = new Map<string, FieldIssue>();
	for (const issue of issues) {
		const inside = prefix.every((key, i) => issue.path[i] === key);
		const path = inside ? rename(issue.path.slice(prefix.length)) : issue.path;
		const field = inside ? path.join('.') : `doc.${path.join('.')}`;
		if (out.has(field)) continue;
		out.set(field, { field, message: issueMessage(issue, pathLabel(path)) });
	}
	return [...out.values()];
}

/** A number field: empty is missing (the schema says "required"), anything else as written. */
export function numberField(raw: string | undefined): number | undefined {
	const s = raw?.trim() ?? '';
	return s === '' ? undefined : Number(s);
}

/** Rows of a repeated group of fields named `group.N.key`, in order of N, each with its N. */
export function rowsOf(
	form: Record<string, string>,
	group: string
): { n: number; row: Record<string, string> }[] {
	const rows = new Map<number, Record<string, string>>();
	const pattern = new RegExp(`^${group}\\.(\\d+)\\.(.+)$`);
	for (const [name, value] of Object.entries(form)) {
		const match = pattern.exec(name);
		if (!match) continue;
		const n = Number(match[1]);
		rows.set(n, { ...rows.get(n), [match[2]!]: value });
	}
	return [...rows.entries()].sort(([a], [b]) => a - b).map(([n, row]) => ({ n, row }));
}

/**
 * The rows of a repeated group with anything typed in them (keys in `ignore` aside, such as a
 * list's preset choice), those ticked for removal left out.
 */
export function filledRows(form: Record<string, string>, group: string, ignore: string[] = []) {
	return rowsOf(form, group).filter(
		({ row }) =>
			!row.remove && Object.entries(row).some(([k, value]) => !ignore.includes(k) && value.trim())
	);
}
