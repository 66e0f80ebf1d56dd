import type { Kysely } from 'kysely';
import type { SignedInUser } from '../auth/sessions';
import type { Connection } from '../db/connect';
import type { Database } from '../db/schema';
import { writeTransaction, type Tx } from '../db/transaction';
import type { CatalogDocument } from './document';
import { readCatalogDocument } from './rows';
import { validateDocument, type DocIssue } from './validate';
import { versionInForce } from './version-in-force';

/** An administrator's own draft of the catalogue. */
export interface Draft {
	doc: CatalogDocument;
	/** The published version it was begun from (or last brought up to date with). */
	base: number;
	updatedBy: string;
	updatedAt: string;
}

/** The administrator's draft, if they have one. */
export async function readDraft(db: Kysely<Database> | Tx, userId: string): Promise<Draft | null> {
	const row = await db
		.selectFrom('catalog_drafts')
		.selectAll()
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		doc: JSON.parse(row.document) as CatalogDocument,
		// A draft kept from before the first publication began from the catalogue as found, which
		// that publication stored as version 1.
		base: row.base_version === null ? 1 : Number(row.base_version),
		updatedBy: row.updated_by_name,
		updatedAt: row.updated_at
	};
}

/** What an administrator's edit starts from: their draft, or the published catalogue. */
export async function workingDocument(
	db: Kysely<Database> | Tx,
	userId: string
): Promise<CatalogDocument> {
	return (await readDraft(db, userId))?.doc ?? (await readCatalogDocument(db));
}

export type EditResult = { ok: true; doc: CatalogDocument } | { ok: false; issues: DocIssue[] };

/**
 * Applies `edit` to the administrator's working document and keeps the result as their draft
 * only when the whole document passes the seed data's schemas and its references resolve, and no
 * `issues` were found before (a form's JSON that did not parse); otherwise nothing is kept. A new
 * draft remembers the version it was begun from.
 */
export async function editDraft(
	conn: Connection,
	user: SignedInUser,
	edit: (doc: CatalogDocument) => void,
	options: { issues?: DocIssue[]; now?: Date } = {}
): Promise<EditResult> {
	const now = options.now ?? new Date();
	return writeTransaction(conn, async (tx) => {
		const { doc, base } = await draftOrNew(tx, user.id, now);
		edit(doc);
		const checked = validateDocument(doc);
		const earlier = options.issues ?? [];
		if (!checked.ok || earlier.length) {
			return { ok: false as const, issues: [...earlier, ...(checked.ok ? [] : checked.issues)] };
		}
		await saveDraft(tx, user, checked.doc, base, now);
		return checked;
	});
}

/** The administrator's draft to change, or a new one from the published catalogue. */
export async function draftOrNew(
	tx: Tx,
	userId: string,
	now = new Date()
): Promise<{ doc: CatalogDocument; base: number }> {
	const draft = await readDraft(tx, userId);
	if (draft) return { doc: structuredClone(draft.doc), base: draft.base };
	const doc = await readCatalogDocument(tx);
	return { doc, base: (await versionInForce(tx, doc, now)).version };
}

export async function saveDraft(
	tx: Tx,
	user: SignedInUser,
	doc: CatalogDocument,
	base: number,
	now = new Date()
): Promise<void> {
	const values = {
		document: JSON.stringify(doc),
		base_version: base,
		updated_by_name: user.displayName || user.username,
		updated_at: now.toISOString()
	};
	await tx
		.insertInto('catalog_drafts')
		.values({ id: user.id, ...values })
		.onConflict((oc) => oc.column('id').doUpdateSet(values))
		.execute();
}

export async function discardDraft(db: Kysely<Database> | Tx, userId: string): Promise<void> {
	await db.deleteFrom('catalog_drafts').where('id', '=', userId).execute();
}
