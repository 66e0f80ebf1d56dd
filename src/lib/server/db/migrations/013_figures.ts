import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

const MEASURES = [
	'applications',
	'booked',
	'check_ins',
	'missed',
	'walk_ins',
	'called',
	'wait_seconds',
	'ticket_no_shows',
	'completed',
	'completed_in_time',
	'completion_days',
	'refused',
	'cancelled',
	'rating_1',
	'rating_2',
	'rating_3',
	'rating_4',
	'rating_5'
];

/**
 * The city's figures: counts per Beijing day (and week), point and matter (`daily_figures`,
 * `weekly_figures`), written
 * as insert-only deltas in the transaction of each event (`figure_deltas`, no hot row for
 * concurrent writers to queue on) and folded into the daily rows now and then; the follow-up of
 * every poor rating (好差评 closed loop); indexes for the open applications and missed bookings.
 * Existing poor ratings get their follow-up here; the daily rows are rebuilt from the records
 * when the server starts and finds them missing.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	const measured = (name: string, key: string) => {
		let table = db.schema
			.createTable(name)
			.addColumn(key, 'text', (c) => c.notNull())
			.addColumn('point_id', 'text', (c) => c.notNull())
			.addColumn('matter_id', 'text', (c) => c.notNull());
		// integer: PostgreSQL sums it as bigint, a bigint column as the far slower numeric.
		for (const m of MEASURES)
			table = table.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
		return table.addPrimaryKeyConstraint(`${name}_pk`, [key, 'point_id', 'matter_id']);
	};
	await measured('daily_figures', 'day').execute();
	// The same by week (its Monday): a year is 52 of these rather than 365 days of rows.
	await measured('weekly_figures', 'week').execute();
	let deltas = db.schema
		.createTable('figure_deltas')
		.addColumn('seq', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('week', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull());
	for (const m of MEASURES)
		deltas = deltas.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
	await deltas.execute();
	// A booking whose day passed with nobody checked in, once counted as missed.
	await db.schema.alterTable('bookings').addColumn('missed_at', 'text').execute();

	await db.schema
		.createTable('rating_follow_ups')
		.addColumn('application_id', 'text', (c) => c.primaryKey())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('stars', 'integer', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('rated_at', 'text', (c) => c.notNull())
		.addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('action', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('followed_by', 'text')
		.addColumn('followed_by_name', 'text')
		.addColumn('followed_at', 'text')
		.execute();
	await db.schema
		.createIndex('rating_follow_ups_rated')
		.on('rating_follow_ups')
		.column('rated_at')
		.execute();
	await sql`insert into rating_follow_ups (application_id, point_id, matter_id, stars, comment, rated_at)
		select id, point_id, matter_id, rating, coalesce(rating_comment, ''), updated_at
		from applications where rating is not null and rating <= 2`.execute(db);

	// The backlog (applications taken in and not finished) and bookings nobody came to yet: small
	// sets among many, the first with every column its query reads (an index-only scan). Each query repeats the predicate literally (SQLite uses the index only so).
	await sql`create index applications_backlog on applications (created_at, status, checked_in_at, point_id, matter_id)
		where status in ('accepted', 'more_materials') or (status = 'submitted' and checked_in_at is not null)`.execute(
		db
	);
	await sql`create index applications_not_arrived on applications (point_id)
		where status = 'submitted' and checked_in_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('applications_not_arrived').execute();
	await db.schema.dropIndex('applications_backlog').execute();
	await db.schema.alterTable('bookings').dropColumn('missed_at').execute();
	for (const t of ['rating_follow_ups', 'figure_deltas', 'weekly_figures', 'daily_figures']) {
		await db.schema.dropTable(t).execute();
	}
}
