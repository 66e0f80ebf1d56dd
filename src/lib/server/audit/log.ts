import { sql, type Kysely } from 'kysely';
import { serviceDayBounds } from '$lib/time';
import type { AdminScope } from '../admin/scope';
import { pointsOfTown } from '../admin/town-points';
import { containing } from '../db/like';
import type { Database } from '../db/schema';

export interface AuditFilter {
	/** First and last day (YYYY-MM-DD, Beijing), both included. */
	from?: string;
	to?: string;
	/** Part of the user name of the person who acted, or of their account's name. */
	person?: string;
	/** A town: entries at any of its points. */
	townId?: string;
	action?: string;
	/** One application's entries (the counter's record links here). */
	applicationId?: string;
}

export interface AuditEntry {
	id: string;
	at: string;
	userId: string;
	username: string;
	/** The name of the person's account now, if it still exists. */
	displayName: string | null;
	/** The town of the person's account now, to tell whether it may be opened from here. */
	userTownId: string | null;
	userIsCityAdmin: boolean;
	pointId: string | null;
	action: string;
	applicationId: string | null;
	reference: string | null;
	/** The application's matters: its materials are named as these name them. */
	matterIds: string[] | null;
	before: string;
	after: string;
	note: string;
}

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one export holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/**
 * The entries within the scope and filter; a town's administrator sees the town's points only (not
 * the city hall's, though it stands in a town), and what the town's accounts did at no point, as
 * does a filter by a town's centre.
 */
function auditQuery(db: Kysely<Database>, scope: AdminScope, filter: AuditFilter) {
	let query = db.selectFrom('audit_log as l');
	const towns = [scope.townId, filter.townId].filter((t): t is string => !!t);
	for (const town of towns) {
		// What the town's own accounts did at no point (a catalogue publication) is the town's too.
		query = query.where((eb) =>
			eb.or([
				eb('l.point_id', 'in', pointsOfTown(eb, town)),
				eb.and([
					eb('l.point_id', 'is', null),
					eb(
						'l.user_id',
						'in',
						eb
							.selectFrom('users')
							.select('users.id')
							.where('users.point_id', 'in', pointsOfTown(eb, town))
					)
				])
			])
		);
	}
	if (filter.from) query = query.where('l.at', '>=', serviceDayBounds(filter.from).from);
	if (filter.to) query = query.where('l.at', '<', serviceDayBounds(filter.to).to);
	if (filter.person) {
		const like = containing(filter.person.toLowerCase());
		query = query.where((eb) =>
			eb.or([
				eb(sql`lower(l.username)`, 'like', like),
				eb(
					'l.user_id',
					'in',
					eb
						.selectFrom('users')
						.select('id')
						.where(sql`lower(display_name)`, 'like', like)
				)
			])
		);
	}
	if (filter.action) query = query.where('l.action', '=', filter.action);
	if (filter.applicationId) query = query.where('l.application_id', '=', filter.applicationId);
	return query;
}

function entriesQuery(db: Kysely<Database>, scope: AdminScope, filter: AuditFilter) {
	return auditQuery(db, scope, filter)
		.leftJoin('users as u', 'u.id', 'l.user_id')
		.leftJoin('points as up', 'up.id', 'u.point_id')
		.leftJoin('applications as a', 'a.id', 'l.application_id')
		.select([
			'l.id',
			'l.at',
			'l.user_id',
			'l.username',
			'u.display_name',
			'u.role',
			'up.town_id as user_town_id',
			'l.point_id',
			'l.action',
			'l.application_id',
			'a.reference',
			'a.matter_ids',
			'l.before',
			'l.after',
			'l.note'
		])
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc');
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

const toEntry = (r: EntryRow): AuditEntry => ({
	id: r.id,
	at: r.at,
	userId: r.user_id,
	username: r.username,
	displayName: r.display_name,
	userTownId: r.user_town_id,
	userIsCityAdmin: r.role === 'admin',
	pointId: r.point_id,
	action: r.action,
	applicationId: r.application_id,
	reference: r.reference,
	matterIds: r.matter_ids ? (JSON.parse(r.matter_ids) as string[]) : null,
	before: r.before,
	after: r.after,
	note: r.note
});

/** One page of the log, newest first, and how many entries match in all. */
export async function auditPage(
	db: Kysely<Database>,
	scope: AdminScope,
	filter: AuditFilter,
	page = 1
): Promise<{ entries: AuditEntry[]; total: number }> {
	const [rows, count] = await Promise.all([
		entriesQuery(db, scope, filter)
			.limit(AUDIT_PAGE_SIZE)
			.offset((page - 1) * AUDIT_PAGE_SIZE)
			.execute(),
		auditQuery(db, scope, filter)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { entries: rows.map(toEntry), total: Number(count.n) };
}

/** Every matching entry, newest first, up to the export's limit. */
export async function auditEntries(
	db: Kysely<Database>,
	scope: AdminScope,
	filter: AuditFilter
): Promise<AuditEntry[]> {
	const rows = await entriesQuery(db, scope, filter).limit(AUDIT_EXPORT_LIMIT).execute();
	return rows.map(toEntry);
}
