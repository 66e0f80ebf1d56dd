import type { CatalogChange } from '$lib/catalog-admin/change';
import type { SignedInUser } from '../auth/sessions';
import { audit } from '../counter/audit';
import type { Connection } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';
import { diffDocuments } from './diff';
import type { CatalogDocument } from './document';
import { readDraft, saveDraft, type Draft } from './draft';
import { changeAt, rebaseDocument, spotKey } from './merge';
import { readCatalogDocument } from './rows';
import { validateDocument, type DocIssue } from './validate';
import { versionInForce } from './version-in-force';

export interface Conflict {
	/** What the form posts back to keep the draft's side here. */
	key: string;
	mine: CatalogChange[];
	theirs: CatalogChange[];
}

/** A draft begun from an older version than the newest, and what that means for it. */
export interface Staleness {
	base: number;
	latest: number;
	/** What was published since the draft was begun. */
	since: CatalogChange[];
	/** Where the draft and those publications changed the same thing. */
	conflicts: Conflict[];
}

/** The document of the version a draft was begun from. */
async function baseDocument(tx: Tx, draft: Draft, fallback: CatalogDocument) {
	const row = await tx
		.selectFrom('catalog_versions')
		.select('document')
		.where('version', '=', draft.base)
		.executeTakeFirst();
	// Without it (never seen: versions are kept), everything the draft holds counts as its own.
	return row ? (JSON.parse(row.document) as CatalogDocument) : fallback;
}

/** The draft's own changes: from the version it was begun from to the draft. */
export async function draftChanges(tx: Tx, draft: Draft): Promise<CatalogChange[]> {
	return diffDocuments(await baseDocument(tx, draft, draft.doc), draft.doc);
}

/** Whether the draft is behind the newest version; null when it is not. */
export async function draftStaleness(tx: Tx, draft: Draft): Promise<Staleness | null> {
	const latest = await tx
		.selectFrom('catalog_versions')
		.select((eb) => eb.fn.max('version').as('version'))
		.executeTakeFirst();
	const newest = latest?.version == null ? null : Number(latest.version);
	if (newest === null || newest === draft.base) return null;
	const theirs = await readCatalogDocument(tx);
	const base = await baseDocument(tx, draft, theirs);
	const since = diffDocuments(base, theirs);
	const mine = diffDocuments(base, draft.doc);
	const { conflicts } = rebaseDocument(base, draft.doc, theirs);
	return {
		base: draft.base,
		latest: newest,
		since,
		conflicts: conflicts.map((spot) => ({
			key: spotKey(spot),
			mine: mine.filter((c) => changeAt(spot, c)),
			theirs: since.filter((c) => changeAt(spot, c))
		}))
	};
}

export type RebaseResult =
	| { status: 'rebased'; from: number; to: number; conflicts: number; keptMine: number }
	| { status: 'no_draft' | 'current' }
	/** Another version was published while the administrator was choosing. */
	| { status: 'moved'; latest: number }
	| { status: 'invalid'; issues: DocIssue[] };

/**
 * Brings the administrator's draft up to the newest version `onto`: the draft's own changes
 * applied onto it; where both changed the same thing, the published value stays unless its key is
 * in `keepMine`. Audited with what was chosen where.
 */
export async function rebaseDraft(
	conn: Connection,
	user: SignedInUser,
	onto: number,
	keepMine: ReadonlySet<string>,
	now = new Date()
): Promise<RebaseResult> {
	return writeTransaction(conn, async (tx) => {
		const draft = await readDraft(tx, user.id);
		if (!draft) return { status: 'no_draft' as const };
		const theirs = await readCatalogDocument(tx);
		const latest = await versionInForce(tx, theirs, now);
		if (latest.version !== onto) return { status: 'moved' as const, latest: latest.version };
		if (draft.base === latest.version) return { status: 'current' as const };
		const base = await baseDocument(tx, draft, theirs);
		const { doc, conflicts } = rebaseDocument(base, draft.doc, theirs, keepMine);
		const checked = validateDocument(doc);
		if (!checked.ok) return { status: 'invalid' as const, issues: checked.issues };
		await saveDraft(tx, user, checked.doc, latest.version, now);

		const mine = diffDocuments(base, draft.doc);
		const kept = conflicts.filter((spot) => keepMine.has(spotKey(spot)));
		await audit(
			tx,
			user,
			{
				action: 'catalog_rebase',
				pointId: null,
				before: { base: draft.base },
				// Each clash's changes and the side kept, said in each reader's language when read.
				after: {
					base: latest.version,
					conflicts: conflicts.length,
					keptMine: kept.length,
					clashes: conflicts.map((spot) => ({
						changes: mine.filter((c) => changeAt(spot, c)),
						keptMine: kept.includes(spot)
					}))
				}
			},
			now
		);
		return {
			status: 'rebased' as const,
			from: draft.base,
			to: latest.version,
			conflicts: conflicts.length,
			keptMine: kept.length
		};
	});
}
