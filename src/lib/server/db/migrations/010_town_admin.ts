import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

const ROLES = sql`role in ('staff', 'agent', 'admin', 'town_admin')`;

/**
 * A town administrator: an account scoped to one town (its centre is the account's point), who
 * runs that town's points and sees its figures. The role check gains the role; SQLite cannot
 * change a check in place, so its users table is rebuilt as its documentation prescribes.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`alter table users drop constraint if exists users_role_check`.execute(db);
		await sql`alter table users add constraint users_role_check check (${ROLES})`.execute(db);
		return;
	}
	// Not in a transaction (Kysely runs SQLite migrations without one): foreign keys off first.
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		await db.schema
			.createTable('users_new')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('username', 'text', (c) => c.notNull().unique())
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('role', 'text', (c) => c.notNull().check(ROLES))
			.addColumn('point_id', 'text')
			.addColumn('password_hash', 'text', (c) => c.notNull())
			.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await sql`insert into users_new (id, username, display_name, role, point_id, password_hash, disabled, created_at)
			select id, username, display_name, role, point_id, password_hash, disabled, created_at from users`.execute(
			db
		);
		await sql`drop table users`.execute(db);
		await sql`alter table users_new rename to users`.execute(db);
		const broken = await sql`pragma foreign_key_check`.execute(db);
		if (broken.rows.length) throw new Error('foreign keys broken by the users table rebuild');
		await sql`commit`.execute(db);
	} catch (error) {
		await sql`rollback`.execute(db).catch(() => undefined);
		throw error;
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

export async function down(): Promise<void> {
	// Town administrators would have no role to go back to.
}
