import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password';
import type { Database, Role } from '../db/schema';

export interface TestUser {
	id?: string;
	username: string;
	displayName?: string;
	role: Role;
	pointId: string | null;
	/** To sign in with; without one, no password matches the account. */
	password?: string;
	createdAt?: string;
}

/** Adds an account (a signed-in user's shape will do); its id. */
export async function addTestUser(db: Kysely<Database>, user: TestUser): Promise<string> {
	const id = user.id ?? randomUUID();
	await db
		.insertInto('users')
		.values({
			id,
			username: user.username,
			display_name: user.displayName ?? user.username,
			role: user.role,
			point_id: user.pointId,
			password_hash: user.password ? await hashPassword(user.password) : '!',
			created_at: user.createdAt ?? new Date().toISOString()
		})
		.execute();
	return id;
}
