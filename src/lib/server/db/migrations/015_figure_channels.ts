import { PostgresAdapter, type Kysely } from 'kysely';

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
	'rating_5',
	'offline',
	'by_agent'
];

/**
 * How applications came (made offline, by a proxy agent) among the figures, and the same figures
 * by month beside the days and weeks, so a year is 12 rows per point and matter rather than 52.
 * The figure tables are made again empty: the server works them out from the records when it
 * starts (`rebuildFiguresIfMissing`), the new measures included, so nothing is counted twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	for (const t of ['figure_deltas', 'daily_figures', 'weekly_figures']) {
		await db.schema.dropTable(t).execute();
	}
	const measured = (name: string, key: string) => {
		let table = db.schema
			.createTable(name)
			.addColumn(key, 'text', (c) => c.notNull())
			.addColumn('point_id', 'text', (c) => c.notNull())
			.addColumn('matter_id', 'text', (c) => c.notNull());
		for (const m of MEASURES)
			table = table.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
		return table.addPrimaryKeyConstraint(`${name}_pk`, [key, 'point_id', 'matter_id']);
	};
	await measured('daily_figures', 'day').execute();
	await measured('weekly_figures', 'week').execute();
	await measured('monthly_figures', 'month').execute();
	let deltas = db.schema
		.createTable('figure_deltas')
		.addColumn('seq', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('week', 'text', (c) => c.notNull())
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('matter_id', 'text', (c) => c.notNull());
	for (const m of MEASURES)
		deltas = deltas.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
	await deltas.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('monthly_figures').execute();
	for (const c of ['offline', 'by_agent']) {
		for (const t of ['figure_deltas', 'daily_figures', 'weekly_figures']) {
			await db.schema.alterTable(t).dropColumn(c).execute();
		}
	}
	await db.schema.alterTable('figure_deltas').dropColumn('month').execute();
}
