import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * A person's applications for a matter that hold a time or wait for one, found by one index: a
 * waiting application counts as the person's one for the matter as a booked one does. Not unique:
 * two waiting ones stored before this counted are kept, as their people sent them.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('bookings_person_active')
		.on('bookings')
		.columns(['applicant_id_number', 'matter_id'])
		.where(sql.ref('status'), 'in', [sql.lit('booked'), sql.lit('needs_slot')])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('bookings_person_active').execute();
}
