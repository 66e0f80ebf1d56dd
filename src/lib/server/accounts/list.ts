import { sql, type Kysely } from 'kysely';
import type { AdminScope } from '../admin/scope';
import { pointsOfTown } from '../admin/town-points';
import { containing } from '../db/like';
import type { Database, Role } from '../db/schema';

export type AccountStatus = 'active' | 'disabled' | 'locked';
export const ACCOUNT_STATUSES: AccountStatus[] = ['active', 'locked', 'disabled'];

export interface AccountFilter {
	role?: Role;
	pointId?: string;
	status?: AccountStatus;
	/** Part of the user name or the name shown. */
	q?: string;
}

export interface AccountRow {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	pointId: string | null;
	status: AccountStatus;
	/** While locked: when the lock ends. */
	lockedUntil: string | null;
	createdAt: string;
}

export const ACCOUNTS_PAGE_SIZE = 50;

/** Accounts the administrator may manage, by user name, with whether each is locked now. */
function accountsQuery(db: Kysely<Database>, scope: AdminScope, filter: AccountFilter, at: string) {
	let query = db
		.selectFrom('users')
		.leftJoin('sign_in_attempts as a', (join) =>
			join
				.onRef('a.username', '=', sql<string>`lower(users.username)`)
				.on('a.locked_until', '>', at)
		);
	if (scope.townId !== null) {
		const town = scope.townId;
		query = query.where('users.point_id', 'in', (eb) => pointsOfTown(eb, town));
	}
	if (filter.role) query = query.where('users.role', '=', filter.role);
	if (filter.pointId) query = query.where('users.point_id', '=', filter.pointId);
	if (filter.status === 'disabled') query = query.where('users.disabled', '=', 1);
	if (filter.status === 'locked') {
		query = query.where('users.disabled', '=', 0).where('a.locked_until', 'is not', null);
	}
	if (filter.status === 'active') {
		query = query.where('users.disabled', '=', 0).where('a.locked_until', 'is', null);
	}
	if (filter.q) {
		const like = containing(filter.q.toLowerCase());
		query = query.where((eb) =>
			eb.or([
				eb(sql`lower(users.username)`, 'like', like),
				eb(sql`lower(users.display_name)`, 'like', like)
			])
		);
	}
	return query;
}

const COLUMNS = [
	'users.id',
	'users.username',
	'users.display_name',
	'users.role',
	'users.point_id',
	'users.disabled',
	'users.created_at',
	'a.locked_until'
] as const;

function toRow(r: {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	point_id: string | null;
	disabled: number;
	created_at: string;
	locked_until: string | null;
}): AccountRow {
	return {
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		role: r.role,
		pointId: r.point_id,
		status: r.disabled ? 'disabled' : r.locked_until ? 'locked' : 'active',
		lockedUntil: r.locked_until,
		createdAt: r.created_at
	};
}

/** One page of the accounts, by user name, and how many match in all. */
export async function listAccounts(
	db: Kysely<Database>,
	scope: AdminScope,
	filter: AccountFilter,
	page = 1,
	now = new Date()
): Promise<{ rows: AccountRow[]; total: number }> {
	const at = now.toISOString();
	const [rows, count] = await Promise.all([
		accountsQuery(db, scope, filter, at)
			.select(COLUMNS)
			.orderBy('users.username')
			.limit(ACCOUNTS_PAGE_SIZE)
			.offset((page - 1) * ACCOUNTS_PAGE_SIZE)
			.execute(),
		accountsQuery(db, scope, filter, at)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		rows: rows.map(toRow)
	};
}

/** One account, if the administrator may manage it. */
export async function accountIn(
	db: Kysely<Database>,
	scope: AdminScope,
	id: string,
	now = new Date()
): Promise<AccountRow | null> {
	const row = await accountsQuery(db, scope, {}, now.toISOString())
		.select(COLUMNS)
		.where('users.id', '=', id)
		.executeTakeFirst();
	return row ? toRow(row) : null;
}
