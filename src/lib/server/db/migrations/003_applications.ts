import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/** Devices, accounts, applications with their bookings and attachments, idempotent ops, changes. */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = await isPostgres(db);

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('staff', 'agent', 'admin')`))
		// No foreign key: a centre's account outlives a reload of the catalogue.
		.addColumn('point_id', 'text')
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('devices')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'text', (c) => c.references('users.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('applications')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('op_id', 'text', (c) => c.notNull().unique())
		.addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
		.addColumn('agent_user_id', 'text', (c) => c.references('users.id'))
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('bundle_id', 'text')
		.addColumn('matter_ids', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('applicant_name', 'text', (c) => c.notNull())
		.addColumn('applicant_id_number', 'text', (c) => c.notNull())
		.addColumn('applicant_phone', 'text', (c) => c.notNull())
		.addColumn('fields', 'text', (c) => c.notNull())
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`status in ('submitted', 'accepted', 'more_materials', 'completed', 'refused', 'cancelled')`
				)
		)
		.addColumn('status_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('requested_materials', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('rating', 'integer')
		.addColumn('rating_comment', 'text')
		.addColumn('device_created_at', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('applications_device')
		.on('applications')
		.column('device_id')
		.execute();
	await db.schema
		.createIndex('applications_point')
		.on('applications')
		.columns(['point_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('applications_agent')
		.on('applications')
		.column('agent_user_id')
		.execute();

	await db.schema
		.createTable('bookings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('applicant_id_number', 'text', (c) => c.notNull())
		.addColumn('slot_start', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('booked', 'needs_slot', 'cancelled', 'released')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('bookings_application')
		.on('bookings')
		.column('application_id')
		.execute();
	await db.schema
		.createIndex('bookings_point_slot')
		.on('bookings')
		.columns(['point_id', 'slot_start'])
		.execute();
	// One active booking per person per matter, whatever races.
	await db.schema
		.createIndex('bookings_one_active')
		.on('bookings')
		.columns(['applicant_id_number', 'matter_id'])
		.unique()
		.where(sql.ref('status'), '=', 'booked')
		.execute();

	await db.schema
		.createTable('ops')
		.addColumn('op_id', 'text', (c) => c.primaryKey())
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload_hash', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('reply', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('blobs')
		.addColumn('sha256', 'text', (c) => c.primaryKey())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('attachments')
		.addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
		.addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
		.addColumn('material_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('attachments_pk', ['application_id', 'sha256'])
		.execute();

	await db.schema
		.createTable('changes')
		.addColumn('seq', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('application_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('changes_device')
		.on('changes')
		.columns(['device_id', 'seq'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'changes',
		'attachments',
		'blobs',
		'ops',
		'bookings',
		'applications',
		'devices',
		'users'
	]) {
		await db.schema.dropTable(t).execute();
	}
}

export async function isPostgres(db: Kysely<any>): Promise<boolean> {
	const { rows } = await sql<{ v: string }>`select version() as v`
		.execute(db)
		.catch(() => ({ rows: [] }));
	return rows.some((r) => /postgres/i.test(r.v));
}
