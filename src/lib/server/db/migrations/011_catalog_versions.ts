import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * The catalogue's administration: each published catalogue as a whole document with who published
 * it, when and what changed; the one draft being edited; and the bookings a publication left
 * without their slot, for the centres to contact.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('catalog_versions')
		.addColumn('version', 'integer', (c) => c.primaryKey())
		.addColumn('document', 'text', (c) => c.notNull())
		/** The changes from the version before, as `[{entity, id, name, change, field, before, after}]`. */
		.addColumn('changes', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('published_by', 'text')
		.addColumn('published_by_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('published_at', 'text', (c) => c.notNull())
		.addColumn('restored_from', 'integer')
		.execute();

	await db.schema
		.createTable('catalog_drafts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('document', 'text', (c) => c.notNull())
		.addColumn('updated_by_name', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('catalog_affected_bookings')
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('booking_id', 'text', (c) => c.notNull())
		.addColumn('reference', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('town_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('slot_start', 'text', (c) => c.notNull())
		.addColumn('phone_masked', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('catalog_affected_bookings_pk', ['version', 'booking_id'])
		.execute();
	await db.schema
		.createIndex('catalog_affected_bookings_town')
		.on('catalog_affected_bookings')
		.columns(['town_id', 'slot_start'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('catalog_affected_bookings').execute();
	await db.schema.dropTable('catalog_drafts').execute();
	await db.schema.dropTable('catalog_versions').execute();
}
