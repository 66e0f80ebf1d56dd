import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { pathLabel } from '$lib/catalog-admin/labels';
import type { FieldIssue } from '$lib/schemas/issues';
import type { DocIssue, DocPath } from './validate';

/**
 * A document's issues as a form shows them: those under `prefix` at the form's own field (its
 * path from there, dotted: `materials.1.count`), the others with their whole path named; `names`,
 * what the ids in a path, or an id a reference pointed to, are called.
 */
export function formIssues(
	issues: DocIssue[],
	prefix: DocPath,
	rename: (path: DocPath) => DocPath = (p) => p,
	entry?: Record<string, unknown>,
	names?: ReadonlyMap<string, string>
): FieldIssue[] {
	const out = new Map<string, FieldIssue>();
	const ordered = entry ? inFormOrder(issues, prefix, Object.keys(entry)) : issues;
	for (const issue of ordered) {
		const inside = prefix.every((key, i) => issue.path[i] === key);
		const path = inside ? rename(issue.path.slice(prefix.length)) : issue.path;
		const field = inside ? path.join('.') : `doc.${path.join('.')}`;
		if (out.has(field)) continue;
		const pointedTo = issue.code === 'unknown_ref' ? names?.get(String(issue.detail)) : undefined;
		const named = pointedTo ? { ...issue, detail: pointedTo } : issue;
		out.set(field, { field, message: issueMessage(named, pathLabel(path, undefined, names)) });
	}
	return [...out.values()];
}

/**
 * The issues in the order the form shows its fields (the order of the entry's own keys, then of
 * each list's items or record's keys), so a summary reads down the form; others after, as found.
 * The form's own checks and the document's come separately, each in its own order.
 */
function inFormOrder(issues: DocIssue[], prefix: DocPath, keys: string[]): DocIssue[] {
	const inside = (issue: DocIssue) => prefix.every((key, i) => issue.path[i] === key);
	const rank = (path: DocPath): (string | number)[] => {
		const at = keys.indexOf(String(path[0]));
		return [at < 0 ? keys.length : at, ...path.slice(1)];
	};
	const compare = (a: DocIssue, b: DocIssue) => {
		const [x, y] = [rank(a.path.slice(prefix.length)), rank(b.path.slice(prefix.length))];
		for (let i = 0; i < Math.min(x.length, y.length); i++) {
			if (x[i] === y[i]) continue;
			return typeof x[i] === 'number' && typeof y[i] === 'number'
				? (x[i] as number) - (y[i] as number)
				: String(x[i]).localeCompare(String(y[i]));
		}
		return x.length - y.length;
	};
	return [...issues.filter(inside).sort(compare), ...issues.filter((i) => !inside(i))];
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
