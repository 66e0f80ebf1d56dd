import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Each step of an application (submitted, checked in, accepted, materials asked for, …) with its
 * time and note, for the timeline residents and clerks see. Earlier applications get theirs from
 * the record and the audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('application_events')
		.addColumn('seq', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('application_id', 'text', (c) => c.notNull())
		.addColumn('step', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.createIndex('application_events_application')
		.on('application_events')
		.columns(['application_id', 'seq'])
		.execute();
	await sql`insert into application_events (application_id, step, at, note)
		select id, 'submitted', created_at, '' from applications`.execute(db);
	await sql`insert into application_events (application_id, step, at, note)
		select application_id, action, at, note from audit_log
		where application_id is not null
			and action in ('check_in', 'accept', 'request_materials', 'complete', 'refuse')
		order by at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('application_events').execute();
}
