import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/** Staff sessions, the audit log, check-in and tickets, and applications taken in at a counter. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sessions')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('username', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('application_id', 'text')
		.addColumn('before', 'text', (c) => c.notNull().defaultTo('null'))
		.addColumn('after', 'text', (c) => c.notNull().defaultTo('null'))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
	await db.schema
		.createIndex('audit_log_application')
		.on('audit_log')
		.column('application_id')
		.execute();

	await db.schema
		.createTable('tickets')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('category_id', 'text', (c) => c.notNull())
		.addColumn('application_id', 'text', (c) => c.references('applications.id'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('waiting', 'called', 'done', 'no_show')`)
		)
		.addColumn('counter', 'integer')
		.addColumn('called_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('tickets_number', ['point_id', 'day', 'number'])
		.execute();
	await db.schema
		.createIndex('tickets_point_day')
		.on('tickets')
		.columns(['point_id', 'day', 'status'])
		.execute();

	await db.schema.alterTable('applications').addColumn('checked_in_at', 'text').execute();
	// An application a counter took in from a receipt's code: the phone that made it claims it
	// when it syncs the same op.
	await db.schema
		.alterTable('ops')
		.addColumn('taken_in', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('ops').dropColumn('taken_in').execute();
	await db.schema.alterTable('applications').dropColumn('checked_in_at').execute();
	for (const t of ['tickets', 'audit_log', 'sessions']) await db.schema.dropTable(t).execute();
}
