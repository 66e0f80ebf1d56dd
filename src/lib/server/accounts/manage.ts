import { randomUUID } from 'node:crypto';
import type { AdminScope } from '../admin/scope';
import { endDeviceTokens } from '../auth/devices';
import { hashPassword } from '../auth/password';
import { clearSignInFailures, normaliseUsername } from '../auth/sign-in';
import type { Connection } from '../db/connect';
import type { Role } from '../db/schema';
import { writeTransaction, type Tx } from '../db/transaction';
import { audit, type AuditAction } from '../counter/audit';
import {
	MAX_DISPLAY_NAME,
	isWeakPassword,
	MIN_PASSWORD,
	USERNAME,
	checkRoleAndPoint,
	newPassword,
	type AccountRefusal,
	type PointFacts
} from './rules';

export type AccountOutcome<T = object, Refused = object> =
	({ ok: true } & T) | ({ ok: false; code: AccountRefusal } & Refused);

/** An account as the audit log keeps it before and after a change. */
interface AccountState {
	account: string;
	role: Role;
	point: string | null;
	disabled: boolean;
}

interface Target {
	id: string;
	username: string;
	role: Role;
	point_id: string | null;
	disabled: number;
	town_id: string | null;
}

const stateOf = (t: Target): AccountState => ({
	account: t.username,
	role: t.role,
	point: t.point_id,
	disabled: !!t.disabled
});

async function pointFacts(tx: Tx, pointId: string | null): Promise<PointFacts | null> {
	if (!pointId) return null;
	const row = await tx
		.selectFrom('points')
		.select(['id', 'kind', 'town_id'])
		.where('id', '=', pointId)
		.executeTakeFirst();
	return row ? { id: row.id, kind: row.kind, townId: row.town_id } : null;
}

/** The account, if this administrator may manage it: a town's administrator, the town's only. */
async function targetIn(tx: Tx, scope: AdminScope, id: string): Promise<Target | null> {
	const row = await tx
		.selectFrom('users')
		.leftJoin('points', 'points.id', 'users.point_id')
		.select([
			'users.id',
			'users.username',
			'users.role',
			'users.point_id',
			'users.disabled',
			'points.town_id',
			'points.kind'
		])
		.where('users.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	if (scope.townId !== null && (row.town_id !== scope.townId || row.kind === 'city')) return null;
	return row;
}

/** Whether another enabled city administrator would remain if this one went. */
async function anotherAdmin(tx: Tx, id: string): Promise<boolean> {
	const row = await tx
		.selectFrom('users')
		.select('id')
		.where('role', '=', 'admin')
		.where('disabled', '=', 0)
		.where('id', '!=', id)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

function record(
	tx: Tx,
	scope: AdminScope,
	action: AuditAction,
	pointId: string | null,
	before: AccountState | null,
	after: AccountState,
	now: Date
) {
	return audit(tx, scope.user, { action, pointId, before, after }, now);
}

export interface NewAccount {
	username: string;
	displayName: string;
	role: Role;
	pointId: string | null;
	/** Left out: one is made, and answered once. */
	password?: string;
}

/** Adds an account; answers its id and, when none was given, the password made for it. */
export async function addAccount(
	conn: Connection,
	scope: AdminScope,
	input: NewAccount,
	now = new Date()
): Promise<AccountOutcome<{ id: string; password: string | null }, { more?: AccountRefusal[] }>> {
	// Every mistake is named at once: the form is not sent again for each.
	const refusals: AccountRefusal[] = [];
	if (!input.username) refusals.push('username_required');
	else if (!USERNAME.test(input.username)) refusals.push('username_format');
	const displayName = input.displayName.trim() || input.username;
	if (displayName.length > MAX_DISPLAY_NAME) refusals.push('display_name');
	if (input.password !== undefined && input.password.length < MIN_PASSWORD) {
		refusals.push('password_short');
	} else if (input.password !== undefined && isWeakPassword(input.password, input.username)) {
		refusals.push('password_weak');
	}
	const pointId = input.role === 'admin' ? null : input.pointId || null;
	const password = input.password ?? newPassword();
	const hash = refusals.length ? '' : await hashPassword(password);
	return writeTransaction(conn, async (tx) => {
		const point = await pointFacts(tx, pointId);
		const refused = checkRoleAndPoint(scope, input.role, point, pointId);
		if (refused) refusals.push(refused);
		// Sign-in failures are counted per name whatever its case: two accounts must not share one.
		const taken =
			!refusals.some((r) => r === 'username_required' || r === 'username_format') &&
			(await tx
				.selectFrom('users')
				.select('id')
				.where((eb) => eb(eb.fn('lower', ['username']), '=', normaliseUsername(input.username)))
				.executeTakeFirst());
		if (taken) refusals.push('username_taken');
		const [code, ...more] = refusals;
		if (code) return more.length ? { ok: false, code, more } : { ok: false, code };
		const id = randomUUID();
		await tx
			.insertInto('users')
			.values({
				id,
				username: input.username,
				display_name: displayName,
				role: input.role,
				point_id: pointId,
				password_hash: hash,
				created_at: now.toISOString()
			})
			.execute();
		const after = { account: input.username, role: input.role, point: pointId, disabled: false };
		await record(tx, scope, 'account_add', pointId, null, after, now);
		return { ok: true, id, password: input.password === undefined ? password : null };
	});
}

/**
 * Disables an account (ending its sessions at once) or enables it again; either clears its
 * wrong passwords. Nobody disables themselves, nor the last enabled city administrator.
 */
export async function setAccountDisabled(
	conn: Connection,
	scope: AdminScope,
	id: string,
	disabled: boolean,
	now = new Date()
): Promise<AccountOutcome> {
	const outcome = await writeTransaction(
		conn,
		async (tx): Promise<AccountOutcome<{ username: string }>> => {
			const target = await targetIn(tx, scope, id);
			if (!target) return { ok: false, code: 'not_found' };
			if (disabled && target.id === scope.user.id) return { ok: false, code: 'self' };
			if (disabled && target.role === 'admin' && !(await anotherAdmin(tx, target.id))) {
				return { ok: false, code: 'last_admin' };
			}
			await tx
				.updateTable('users')
				.set({ disabled: disabled ? 1 : 0 })
				.where('id', '=', target.id)
				.execute();
			if (disabled) {
				await tx.deleteFrom('sessions').where('user_id', '=', target.id).execute();
				await endDeviceTokens(tx, target.id);
			}
			const action = disabled ? 'account_disable' : 'account_enable';
			const after = { ...stateOf(target), disabled };
			await record(tx, scope, action, target.point_id, stateOf(target), after, now);
			return { ok: true, username: target.username };
		}
	);
	if (!outcome.ok) return outcome;
	await clearSignInFailures(conn.db, outcome.username);
	return { ok: true };
}

/**
 * Clears an account's wrong passwords and lock, so that it can sign in again at once; answers
 * whether there were any.
 */
export async function unlockAccount(
	conn: Connection,
	scope: AdminScope,
	id: string,
	now = new Date()
): Promise<AccountOutcome<{ cleared: boolean }>> {
	return writeTransaction(conn, async (tx) => {
		const target = await targetIn(tx, scope, id);
		if (!target) return { ok: false, code: 'not_found' };
		const cleared = await clearSignInFailures(tx, target.username);
		const state = stateOf(target);
		await record(tx, scope, 'account_unlock', target.point_id, state, state, now);
		return { ok: true, cleared };
	});
}

/**
 * Gives an account a new password, answered once; its sessions end and its lock is cleared.
 * Not one's own: a signed-in administrator would be signed out by it.
 */
export async function resetPassword(
	conn: Connection,
	scope: AdminScope,
	id: string,
	now = new Date()
): Promise<AccountOutcome<{ password: string }>> {
	const password = newPassword();
	const hash = await hashPassword(password);
	return writeTransaction(conn, async (tx) => {
		const target = await targetIn(tx, scope, id);
		if (!target) return { ok: false, code: 'not_found' };
		if (target.id === scope.user.id) return { ok: false, code: 'self' };
		await tx
			.updateTable('users')
			.set({ password_hash: hash })
			.where('id', '=', target.id)
			.execute();
		await tx.deleteFrom('sessions').where('user_id', '=', target.id).execute();
		await endDeviceTokens(tx, target.id);
		await clearSignInFailures(tx, target.username);
		const state = stateOf(target);
		await record(tx, scope, 'account_password_reset', target.point_id, state, state, now);
		return { ok: true, password };
	});
}

/**
 * Moves an account to another role or point, within what the administrator may give. Nobody
 * changes their own (a town's administrator would leave the town), and the last enabled city
 * administrator stays one.
 */
export async function changeAccount(
	conn: Connection,
	scope: AdminScope,
	id: string,
	change: { role: Role; pointId: string | null },
	now = new Date()
): Promise<AccountOutcome> {
	const pointId = change.role === 'admin' ? null : change.pointId || null;
	return writeTransaction(conn, async (tx) => {
		const target = await targetIn(tx, scope, id);
		if (!target) return { ok: false, code: 'not_found' };
		if (target.role === change.role && target.point_id === pointId) return { ok: true };
		if (target.id === scope.user.id) return { ok: false, code: 'self' };
		const refused = checkRoleAndPoint(scope, change.role, await pointFacts(tx, pointId), pointId);
		if (refused) return { ok: false, code: refused };
		if (target.role === 'admin' && !target.disabled && !(await anotherAdmin(tx, target.id))) {
			return { ok: false, code: 'last_admin' };
		}
		await tx
			.updateTable('users')
			.set({ role: change.role, point_id: pointId })
			.where('id', '=', target.id)
			.execute();
		// An agent's phone works for its point: moved, the agent signs in on it again.
		await endDeviceTokens(tx, target.id);
		const after = { ...stateOf(target), role: change.role, point: pointId };
		await record(tx, scope, 'account_change', pointId, stateOf(target), after, now);
		return { ok: true };
	});
}

/** The id of the account with this user name, as typed at the command line. */
export async function accountId(conn: Connection, username: string): Promise<string | null> {
	const row = await conn.db
		.selectFrom('users')
		.select('id')
		.where('username', '=', username)
		.executeTakeFirst();
	return row?.id ?? null;
}
