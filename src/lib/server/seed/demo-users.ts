import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import usersJson from './data/users.json';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/schema';

const usersFile = v.object({
	users: v.array(
		v.object({
			username: v.pipe(v.string(), v.nonEmpty()),
			displayName: v.pipe(v.string(), v.nonEmpty()),
			role: v.picklist(['staff', 'agent', 'admin', 'town_admin']),
			point: v.nullable(v.string()),
			password: v.pipe(v.string(), v.minLength(8))
		})
	)
});

export const demoUsers = v.parse(usersFile, usersJson).users;

/** The demo accounts (listed in the README), added to a database that has no accounts yet. */
export async function seedDemoUsersIfNone(db: Kysely<Database>): Promise<boolean> {
	if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
	const rows = await Promise.all(
		demoUsers.map(async (u) => ({
			id: randomUUID(),
			username: u.username,
			display_name: u.displayName,
			role: u.role,
			point_id: u.point,
			password_hash: await hashPassword(u.password),
			created_at: new Date().toISOString()
		}))
	);
	await db.insertInto('users').values(rows).execute();
	return true;
}
