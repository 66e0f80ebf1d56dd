import { getLocale } from '$lib/paraglide/runtime';
import type { FieldIssue } from '$lib/schemas/issues';
import type { SignedInUser } from '../auth/sessions';
import type { Connection } from '../db/connect';
import { editDraft } from './draft';
import { formIssues } from './form-issues';
import type { DocIssue, DocPath } from './validate';

/** A new point's or matter's id is part of its web address: lower-case latin, digits, hyphens. */
const ENTRY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** What is wrong with the id typed for a new entry, if anything (a taken one: see `validate`). */
export function newIdIssue(id: string): DocIssue | null {
	if (!id) return { path: ['id'], code: 'required' };
	return ENTRY_ID.test(id) ? null : { path: ['id'], code: 'id_format' };
}

/**
 * Puts a point or matter from its form into the administrator's draft, with the issues the form
 * already found: in place of the one with id `replaces`, or added when that is null. The form's
 * errors when refused (the caller answers 400 with them), null when saved.
 */
export async function saveEntry(
	conn: Connection,
	user: SignedInUser,
	list: 'points' | 'matters',
	replaces: string | null,
	at: number,
	entry: Record<string, unknown>,
	found: { issues: DocIssue[]; rename: (path: DocPath) => DocPath }
): Promise<FieldIssue[] | null> {
	// A point's faults are keyed by the matters it handles: named as the reader's language names them.
	const names = new Map<string, string>();
	const en = getLocale() === 'en';
	const result = await editDraft(
		conn,
		user,
		(d) => {
			for (const matter of d.matters) names.set(matter.id, en ? matter.en : matter.zh);
			const entries = d[list] as { id: string }[];
			if (replaces === null) entries.push(entry as { id: string });
			else {
				const index = entries.findIndex((e) => e.id === replaces);
				// A question removed that materials still name is named as it was asked.
				const before = d.matters.find((x) => x.id === replaces);
				if (list === 'matters' && before) {
					for (const q of before.questions) names.set(q.id, en ? q.en : q.zh);
				}
				if (index >= 0) entries[index] = entry as { id: string };
			}
		},
		{ issues: found.issues.map((i) => ({ ...i, path: [list, at, ...i.path] })) }
	);
	return result.ok ? null : formIssues(result.issues, [list, at], found.rename, entry, names);
}
