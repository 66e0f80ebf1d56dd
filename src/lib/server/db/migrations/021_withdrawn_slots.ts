import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/** When a booking's time stopped being offered by a catalogue publication: its phone is told. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('bookings').addColumn('withdrawn_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('bookings').dropColumn('withdrawn_at').execute();
}
