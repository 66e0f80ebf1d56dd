import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/** Places taken in each slot; a booking raises `booked` only while it stays within capacity. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('slot_counts')
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('slot_start', 'text', (c) => c.notNull())
		.addColumn('booked', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`booked >= 0`)
		)
		.addPrimaryKeyConstraint('slot_counts_pk', ['point_id', 'matter_id', 'slot_start'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('slot_counts').execute();
}
