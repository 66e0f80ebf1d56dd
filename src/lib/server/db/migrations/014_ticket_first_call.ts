import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * When a ticket was first called, for its wait (a recall or a transfer moves `called_at`, which
 * the hall's screen orders by); tickets called before this have only their latest call to go by.
 * An index to find an application's ticket.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('tickets').addColumn('first_called_at', 'text').execute();
	await sql`update tickets set first_called_at = called_at`.execute(db);
	await db.schema
		.createIndex('tickets_application')
		.on('tickets')
		.column('application_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('tickets_application').execute();
	await db.schema.alterTable('tickets').dropColumn('first_called_at').execute();
}
