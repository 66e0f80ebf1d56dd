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
 * Adds a new point or matter to the administrator's draft, with the issues its form already
 * found; the form's errors when refused (the caller answers 400 with them), null when added.
 */
export async function addToDraft(
	conn: Connection,
	user: SignedInUser,
	list: 'points' | 'matters',
	at: number,
	entry: Record<string, unknown>,
	found: { issues: DocIssue[]; rename: (path: DocPath) => DocPath }
): Promise<FieldIssue[] | null> {
	const result = await editDraft(
		conn,
		user,
		(d) => {
			(d[list] as unknown[]).push(entry);
		},
		{ issues: found.issues.map((i) => ({ ...i, path: [list, at, ...i.path] })) }
	);
	return result.ok ? null : formIssues(result.issues, [list, at], found.rename);
}
