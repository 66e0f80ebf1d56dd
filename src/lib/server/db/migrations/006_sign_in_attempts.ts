import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Wrong passwords counted per user name, whether or not an account has that name, so that an
 * unknown name is answered as a known one; they were counted on the account before.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sign_in_attempts')
		.addColumn('username', 'text', (c) => c.primaryKey())
		.addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'text')
		.execute();
	await db
		.insertInto('sign_in_attempts')
		.columns(['username', 'failed_count', 'locked_until'])
		.expression(
			db
				.selectFrom('users')
				.select([sql`lower(username)`.as('username'), 'failed_count', 'locked_until'])
				.where((eb) => eb.or([eb('failed_count', '>', 0), eb('locked_until', 'is not', null)]))
		)
		.onConflict((oc) => oc.doNothing())
		.execute();
	await db.schema.alterTable('users').dropColumn('failed_count').execute();
	await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('users')
		.addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
	await db.schema.dropTable('sign_in_attempts').execute();
}
