import type { Kysely } from 'kysely';
import { serviceClock } from '$lib/time';
import type { SignedInUser } from '../auth/sessions';
import type { Connection } from '../db/connect';
import type { Database } from '../db/schema';
import { writeTransaction, type Tx } from '../db/transaction';
import { audit } from '../counter/audit';
import { pointInScope, type AdminScope } from '../admin/scope';
import type { FigureFilter } from './filters';
import { closedLate, isOverdue } from './follow-up-deadline';
import { dateRangeOf } from './period';
import { atPlace } from '../admin/town-points';

export interface FollowUp {
	applicationId: string;
	reference: string;
	pointId: string;
	matterId: string;
	stars: number;
	comment: string;
	ratedAt: string;
	/** The Beijing day it is to be closed by. */
	deadline: string;
	closed: boolean;
	/** Open and past its deadline, today. */
	overdue: boolean;
	/** The Beijing day it was closed. */
	closedOn: string | null;
	closedLate: boolean;
	action: string;
	followedBy: string | null;
	followedAt: string | null;
}

export const FOLLOW_UP_LIMIT = 200;

type Db = Kysely<Database> | Tx;

/** The follow-ups of the poor ratings of the period, at the filter's places. */
export function followUpsOfFilter(db: Db, f: FigureFilter) {
	const range = dateRangeOf(f);
	let q = db
		.selectFrom('rating_follow_ups as r')
		.where('r.rated_at', '>=', range.from)
		.where('r.rated_at', '<', range.to);
	q = q.where((eb) => atPlace(eb, 'r.point_id', f));
	if (f.matterId) q = q.where('r.matter_id', '=', f.matterId);
	return q;
}

const listed = (db: Db, f: FigureFilter) =>
	followUpsOfFilter(db, f)
		.innerJoin('applications as a', 'a.id', 'r.application_id')
		.select([
			'r.application_id',
			'a.reference',
			'r.point_id',
			'r.matter_id',
			'r.stars',
			'r.comment',
			'r.rated_at',
			'r.deadline',
			'r.closed',
			'r.closed_on',
			'r.action',
			'r.followed_by_name',
			'r.followed_at'
		]);

/**
 * The poor ratings of the period (≤ 2 stars): the open ones first, by deadline (so the overdue
 * lead), then the closed ones, the newest first.
 */
export async function followUps(
	db: Db,
	f: FigureFilter,
	limit = FOLLOW_UP_LIMIT,
	now = new Date()
): Promise<FollowUp[]> {
	const open = await listed(db, f)
		.where('r.closed', '=', 0)
		.orderBy('r.deadline')
		.orderBy('r.rated_at', 'desc')
		.limit(limit)
		.execute();
	const closed =
		open.length < limit
			? await listed(db, f)
					.where('r.closed', '=', 1)
					.orderBy('r.rated_at', 'desc')
					.limit(limit - open.length)
					.execute()
			: [];
	const today = serviceClock(now).date;
	return [...open, ...closed].map((r) => {
		const row = { closed: !!r.closed, deadline: r.deadline, closedOn: r.closed_on };
		return {
			applicationId: r.application_id,
			reference: r.reference,
			pointId: r.point_id,
			matterId: r.matter_id,
			stars: r.stars,
			comment: r.comment,
			ratedAt: r.rated_at,
			...row,
			overdue: isOverdue(row, today),
			closedLate: closedLate(row),
			action: r.action,
			followedBy: r.followed_by_name,
			followedAt: r.followed_at
		};
	});
}

export type FollowUpOutcome = { ok: true } | { ok: false; code: 'not_found' | 'other_town' };

/**
 * Records what was done about a poor rating (and whether that closes it), by whom and when;
 * within the administrator's scope only, and audited with the record before and after.
 */
export async function recordFollowUp(
	conn: Connection,
	scope: AdminScope,
	pointOf: (pointId: string) => { townId: string; kind: string } | undefined,
	entry: { applicationId: string; action: string; closed: boolean },
	now = new Date()
): Promise<FollowUpOutcome> {
	const user: SignedInUser = scope.user;
	return writeTransaction(conn, async (tx): Promise<FollowUpOutcome> => {
		const before = await tx
			.selectFrom('rating_follow_ups')
			.selectAll()
			.where('application_id', '=', entry.applicationId)
			.executeTakeFirst();
		if (!before) return { ok: false, code: 'not_found' };
		const point = pointOf(before.point_id);
		if (!point || !pointInScope(scope, point)) return { ok: false, code: 'other_town' };
		const after = {
			action: entry.action,
			closed: entry.closed ? 1 : 0,
			// Closed again, or closed still: the day it was first closed stands.
			closed_on: entry.closed ? (before.closed_on ?? serviceClock(now).date) : null,
			followed_by: user.id,
			followed_by_name: user.displayName || user.username,
			followed_at: now.toISOString()
		};
		await tx
			.updateTable('rating_follow_ups')
			.set(after)
			.where('application_id', '=', entry.applicationId)
			.execute();
		await audit(
			tx,
			user,
			{
				action: 'rating_follow_up',
				pointId: before.point_id,
				applicationId: entry.applicationId,
				before: {
					action: before.action,
					closed: !!before.closed,
					closedOn: before.closed_on,
					at: before.followed_at
				},
				after: {
					action: after.action,
					closed: entry.closed,
					closedOn: after.closed_on,
					at: after.followed_at
				},
				note: entry.action
			},
			now
		);
		return { ok: true };
	});
}
