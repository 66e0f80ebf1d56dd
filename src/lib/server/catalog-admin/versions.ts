import { sql, type Kysely } from 'kysely';
import type { CatalogChange } from '$lib/catalog-admin/change';
import type { Database } from '../db/schema';
import type { CatalogDocument } from './document';

export interface VersionSummary {
	version: number;
	publishedAt: string;
	/** '' for the catalogue as found before the first publication. */
	publishedBy: string;
	restoredFrom: number | null;
	changes: CatalogChange[];
}

/** The published versions, newest first; or only version `only`. */
export async function listVersions(
	db: Kysely<Database>,
	limit = 50,
	only?: number
): Promise<VersionSummary[]> {
	let query = db
		.selectFrom('catalog_versions')
		.select(['version', 'published_at', 'published_by_name', 'restored_from', 'changes'])
		.orderBy('version', 'desc')
		.limit(limit);
	if (only !== undefined) query = query.where('version', '=', only);
	const rows = await query.execute();
	return rows.map((r) => ({
		version: Number(r.version),
		publishedAt: r.published_at,
		publishedBy: r.published_by_name,
		restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
		changes: JSON.parse(r.changes) as CatalogChange[]
	}));
}

/** One published version's summary, or null. */
export async function versionSummary(
	db: Kysely<Database>,
	version: number
): Promise<VersionSummary | null> {
	if (!Number.isSafeInteger(version)) return null;
	return (await listVersions(db, 1, version))[0] ?? null;
}

/** The number of the newest published version (0 before the first). */
export async function latestVersion(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('catalog_versions')
		.select((eb) => eb.fn.max('version').as('latest'))
		.executeTakeFirst();
	return Number(row?.latest ?? 0);
}

export async function versionDocument(
	db: Kysely<Database>,
	version: number
): Promise<CatalogDocument | null> {
	const row = await db
		.selectFrom('catalog_versions')
		.select('document')
		.where('version', '=', version)
		.executeTakeFirst();
	return row ? (JSON.parse(row.document) as CatalogDocument) : null;
}

export interface AffectedRow {
	version: number;
	bookingId: string;
	reference: string;
	pointId: string;
	townId: string;
	matterId: string;
	slotStart: string;
	phoneMasked: string;
	/** The booking's application, whose record has the full phone (opening it is logged). */
	applicationId: string | null;
	/** Who at the centre reached the resident, when, and what was agreed; null until then. */
	contacted: { at: string; by: string; note: string } | null;
}

/** Which of the listed bookings to show: all (those nobody has contacted yet first), or either. */
export type ContactFilter = 'all' | 'open' | 'contacted';

/**
 * Bookings that publications left without their slot: of one version, or all; within a town if
 * given (a town's administrator does not see the city hall's, though it stands in the town).
 * Those nobody has contacted yet come first.
 */
export async function listAffected(
	db: Kysely<Database>,
	filter: { townId: string | null; version?: number; contact?: ContactFilter }
): Promise<AffectedRow[]> {
	let query = db
		.selectFrom('catalog_affected_bookings as a')
		.leftJoin('bookings as booking', 'booking.id', 'a.booking_id')
		.selectAll('a')
		.select('booking.application_id')
		.orderBy(sql`case when a.contacted_at is null then 0 else 1 end`)
		.orderBy('a.version', 'desc')
		.orderBy('a.slot_start')
		.limit(500);
	if (filter.townId !== null) {
		query = query
			.where('a.town_id', '=', filter.townId)
			.where('a.point_id', 'not in', (eb) =>
				eb.selectFrom('points').select('points.id').where('points.kind', '=', 'city')
			);
	}
	// One version's list is its history. The list to call from keeps only those still to call: a
	// booking since moved, cancelled, come to the counter or offered its time again needs none.
	if (filter.version !== undefined) query = query.where('a.version', '=', filter.version);
	else
		query = query.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('bookings as b')
						.innerJoin('applications as p', 'p.id', 'b.application_id')
						.select('b.id')
						.whereRef('b.id', '=', 'a.booking_id')
						.where((eb) =>
							eb.or([
								eb('b.status', '<>', 'booked'),
								eb('b.withdrawn_at', 'is', null),
								eb('p.checked_in_at', 'is not', null)
							])
						)
				)
			)
		);
	if (filter.contact === 'open') query = query.where('a.contacted_at', 'is', null);
	if (filter.contact === 'contacted') query = query.where('a.contacted_at', 'is not', null);
	return (await query.execute()).map((r) => ({
		version: Number(r.version),
		bookingId: r.booking_id,
		reference: r.reference,
		pointId: r.point_id,
		townId: r.town_id,
		matterId: r.matter_id,
		slotStart: r.slot_start,
		phoneMasked: r.phone_masked,
		applicationId: r.application_id,
		contacted: r.contacted_at
			? { at: r.contacted_at, by: r.contacted_by_name ?? '', note: r.contact_note }
			: null
	}));
}
