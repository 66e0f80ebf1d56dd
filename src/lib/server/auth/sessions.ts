import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { hashToken } from './devices';

export const SESSION_COOKIE = 'ow_session';
export const SESSION_HOURS = 12;

export interface SignedInUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	pointId: string | null;
}

/** A new session for the user; only the token's hash is kept. */
export async function createSession(
	db: Kysely<Database>,
	userId: string,
	now = new Date()
): Promise<{ token: string; expires: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
	await db
		.insertInto('sessions')
		.values({
			token_hash: hashToken(token),
			user_id: userId,
			created_at: now.toISOString(),
			expires_at: expires.toISOString()
		})
		.execute();
	return { token, expires };
}

/** The user a session cookie belongs to, while the session lasts and the account is enabled. */
export async function userFromSession(
	db: Kysely<Database>,
	token: string | undefined,
	now = new Date()
): Promise<SignedInUser | null> {
	if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.point_id',
			'users.disabled',
			'sessions.expires_at'
		])
		.where('sessions.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row || row.disabled || row.expires_at <= now.toISOString()) return null;
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		pointId: row.point_id
	};
}

export async function endSession(db: Kysely<Database>, token: string | undefined): Promise<void> {
	if (token) await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}
