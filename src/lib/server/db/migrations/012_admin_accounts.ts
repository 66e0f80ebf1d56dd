import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * When a user name last failed to sign in, so that the failures of names no account has can be
 * forgotten after a while (rows counted before this are dated now). Indexes for the readable
 * audit log, filtered by person or point and read newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('sign_in_attempts').addColumn('last_failed_at', 'text').execute();
	await db
		.updateTable('sign_in_attempts')
		.set({ last_failed_at: new Date().toISOString() })
		.execute();
	await db.schema
		.createIndex('audit_log_username_at')
		.on('audit_log')
		.columns(['username', 'at'])
		.execute();
	await db.schema
		.createIndex('audit_log_point_at')
		.on('audit_log')
		.columns(['point_id', 'at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('audit_log_point_at').execute();
	await db.schema.dropIndex('audit_log_username_at').execute();
	await db.schema.alterTable('sign_in_attempts').dropColumn('last_failed_at').execute();
}
