import type { CatalogChange } from '$lib/catalog-admin/change';
import { isDocPointOfTown } from '../admin/scope';
import type { SignedInUser } from '../auth/sessions';
import { calendarSince, nationalCalendar } from '../calendar/national';
import { bumpCatalogRevision } from '../catalog/revision';
import { audit } from '../counter/audit';
import type { Connection } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';
import { replaceCatalogRows } from '../seed/write-catalog';
import { affectedBookings, listAffectedBookings, type AffectedBooking } from './affected-bookings';
import { diffDocuments } from './diff';
import { catalogGaps } from './gaps';
import type { CatalogDocument, DocPoint } from './document';
import { discardDraft, readDraft } from './draft';
import { documentRows, readCatalogDocument } from './rows';
import { validateDocument, type DocIssue } from './validate';
import { versionInForce } from './version-in-force';
import { markWithdrawnSlots } from './withdrawn-slots';

export interface Publisher {
	user: SignedInUser;
	/** A town administrator's town: only that town's points may change. */
	townId: string | null;
}

export type PublishResult =
	| { status: 'published'; version: number; changes: CatalogChange[]; affected: AffectedBooking[] }
	| { status: 'unchanged' }
	| { status: 'no_draft' }
	| { status: 'invalid'; issues: DocIssue[] }
	| { status: 'out_of_scope'; changes: CatalogChange[] }
	/** The draft was begun from `base`; `latest` has been published since. */
	| { status: 'stale'; base: number; latest: number };

/** Thrown inside the transaction so that everything it did is rolled back. */
class Refused extends Error {
	constructor(readonly result: Exclude<PublishResult, { status: 'published' }>) {
		super(result.status);
	}
}

/**
 * Publishes `doc` as the new catalogue, in one transaction: its tables rewritten, a new version
 * stored with who, when and what changed, the bookings that lost their slot listed, the
 * publication audited, and the revision raised so that phones take it up at their next check.
 */
export async function publishDocument(
	conn: Connection,
	by: Publisher,
	doc: CatalogDocument,
	options: { restoredFrom?: number; now?: Date } = {}
): Promise<PublishResult> {
	const now = options.now ?? new Date();
	return refusable(() =>
		writeTransaction(conn, async (tx) => {
			// First: the revision's row lock makes concurrent publications take turns.
			await bumpCatalogRevision(tx);
			return publishIn(tx, by, doc, { ...options, now });
		})
	);
}

/**
 * Publishes the administrator's own draft, only if no version was published since it was begun:
 * publishing it then would put back what that version changed. The draft is read and the
 * versions compared in the publication's transaction, after the lock that orders publications.
 */
export async function publishDraft(
	conn: Connection,
	by: Publisher,
	now = new Date()
): Promise<PublishResult> {
	return refusable(() =>
		writeTransaction(conn, async (tx) => {
			await bumpCatalogRevision(tx);
			const draft = await readDraft(tx, by.user.id);
			if (!draft) throw new Refused({ status: 'no_draft' });
			const result = await publishIn(tx, by, draft.doc, { base: draft.base, now });
			await discardDraft(tx, by.user.id);
			return result;
		})
	);
}

/** What `run` gives, or the refusal it threw. */
async function refusable<T>(
	run: () => Promise<T>
): Promise<T | Exclude<PublishResult, { status: 'published' }>> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof Refused) return error.result;
		throw error;
	}
}

/** What publishing `doc` now would do; throws `Refused` for a publication that may not be made. */
async function planPublication(
	db: Tx,
	by: Publisher,
	doc: CatalogDocument,
	options: { base?: number; now: Date }
) {
	const now = options.now;
	const checked = validateDocument(doc);
	if (!checked.ok) throw new Refused({ status: 'invalid', issues: checked.issues });
	const current = await readCatalogDocument(db);
	const latest = await versionInForce(db, current, now);
	if (options.base !== undefined && options.base !== latest.version) {
		throw new Refused({ status: 'stale', base: options.base, latest: latest.version });
	}
	const changes = diffDocuments(current, checked.doc);
	if (!changes.length) throw new Refused({ status: 'unchanged' });
	if (by.townId !== null && !withinTown(changes, current, checked.doc, by.townId)) {
		throw new Refused({ status: 'out_of_scope', changes });
	}
	const calendar = await nationalCalendar(db, calendarSince(now));
	const affected = await affectedBookings(db, current, checked.doc, calendar, now);
	return { doc: checked.doc, version: latest.version + 1, changes, calendar, affected };
}

export type PublishPreview =
	| {
			status: 'ready';
			/** The number the draft would be published as. */
			version: number;
			changes: CatalogChange[];
			/** Bookings that would lose their slot, to be contacted. */
			affected: number;
			/** What residents would miss in the catalogue published (`catalogGaps`). */
			gaps: string[];
			/** The draft asked about, to tell it from one saved since. */
			draftAt: string;
	  }
	| Exclude<PublishResult, { status: 'published' }>;

/** The question a draft's publication asks first, as the page shows it. */
export interface PublishQuestion {
	next: number;
	changes: number;
	affected: number;
	gaps: string[];
	draftAt: string;
	/** Asked again: the yes given was to a draft saved again since. */
	again: boolean;
}

/**
 * What publishing the administrator's draft would do, asked before it is done: the same checks
 * as the publication, and nothing written.
 */
export async function previewDraft(
	conn: Connection,
	by: Publisher,
	now = new Date()
): Promise<PublishPreview> {
	const draft = await readDraft(conn.db, by.user.id);
	if (!draft) return { status: 'no_draft' };
	return refusable(async () => {
		const plan = await planPublication(conn.db, by, draft.doc, { base: draft.base, now });
		return {
			status: 'ready' as const,
			version: plan.version,
			changes: plan.changes,
			affected: plan.affected.length,
			gaps: catalogGaps(plan.doc),
			draftAt: draft.updatedAt
		};
	});
}

async function publishIn(
	tx: Tx,
	by: Publisher,
	doc: CatalogDocument,
	options: { restoredFrom?: number; base?: number; now: Date }
): Promise<PublishResult & { status: 'published' }> {
	const now = options.now;
	const plan = await planPublication(tx, by, doc, options);
	const { changes, calendar, affected, version } = plan;
	await replaceCatalogRows(tx, documentRows(plan.doc));
	// Stored as the tables give it back, so that the next publication can tell whether the
	// tables still hold this version (key order and row order included).
	const stored = await readCatalogDocument(tx);
	await tx
		.insertInto('catalog_versions')
		.values({
			version,
			document: JSON.stringify(stored),
			changes: JSON.stringify(changes),
			published_by: by.user.id,
			published_by_name: by.user.displayName || by.user.username,
			published_at: now.toISOString(),
			restored_from: options.restoredFrom ?? null
		})
		.execute();
	await markWithdrawnSlots(tx, affected, plan.doc, calendar, now);
	await listAffectedBookings(tx, version, affected);
	await audit(
		tx,
		by.user,
		{
			action: options.restoredFrom ? 'catalog_restore' : 'catalog_publish',
			pointId: null,
			// The changes themselves, said in each reader's language when the log is read.
			after: {
				version,
				restoredFrom: options.restoredFrom ?? null,
				affected: affected.length,
				changes
			}
		},
		now
	);
	return { status: 'published' as const, version, changes, affected };
}

/** Brings an earlier version back, as a new version with that version's document. */
export async function restoreVersion(
	conn: Connection,
	by: Publisher,
	version: number,
	now = new Date()
): Promise<PublishResult | null> {
	const row = await conn.db
		.selectFrom('catalog_versions')
		.select('document')
		.where('version', '=', version)
		.executeTakeFirst();
	if (!row) return null;
	const doc = JSON.parse(row.document) as CatalogDocument;
	return publishDocument(conn, by, doc, { restoredFrom: version, now });
}

/** Whether every change is to a point of the town (not the city hall), there before and after. */
function withinTown(
	changes: CatalogChange[],
	before: CatalogDocument,
	after: CatalogDocument,
	townId: string
): boolean {
	const was = new Map(before.points.map((p) => [p.id, p]));
	const is = new Map(after.points.map((p) => [p.id, p]));
	const inTown = (points: Map<string, DocPoint>, id: string) => {
		const p = points.get(id);
		return !p || isDocPointOfTown(p, townId);
	};
	return changes.every((c) => c.entity === 'point' && inTown(was, c.id) && inTown(is, c.id));
}
