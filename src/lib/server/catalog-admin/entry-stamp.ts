import { createHash } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { FieldIssue } from '$lib/schemas/issues';

/** The name of the form's field that carries the stamp of the entry it was opened on. */
const STAMP_FIELD = 'stamp';

/** A fingerprint of a point or matter as a form was given it. */
export function entryStamp(entry: unknown): string {
	return createHash('sha256').update(JSON.stringify(entry)).digest('base64url').slice(0, 22);
}

/**
 * Refuses a form opened on the entry before it was saved from elsewhere (another tab or window):
 * the form carries every field, and saving it would put back what that save changed.
 */
export function staleEntryIssues(
	values: Record<string, string>,
	current: unknown
): FieldIssue[] | null {
	const stamp = values[STAMP_FIELD];
	if (!stamp || stamp === entryStamp(current)) return null;
	return [{ field: '', message: m.catalog_err_saved_elsewhere() }];
}
