import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Photos an application names that its device has not uploaded yet: the application and its
 * booking are made at once, and each photo joins `attachments` when its bytes arrive.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('pending_attachments')
		.addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('material_id', 'text', (c) => c.notNull())
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('pending_attachments_pk', ['application_id', 'sha256'])
		.execute();
	await db.schema
		.createIndex('pending_attachments_device')
		.on('pending_attachments')
		.columns(['device_id', 'sha256'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('pending_attachments').execute();
}
