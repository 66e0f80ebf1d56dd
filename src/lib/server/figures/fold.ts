import { sql } from 'kysely';
import type { Connection } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { MEASURES } from './measures';

const cols = sql.join(MEASURES.map((m) => sql.ref(m)));
const sums = sql.join(MEASURES.map((m) => sql`sum(${sql.ref(m)})`));
const adds = (table: string) =>
	sql.join(
		MEASURES.map(
			(m) => sql`${sql.ref(m)} = ${sql.raw(table)}.${sql.ref(m)} + excluded.${sql.ref(m)}`
		)
	);

/** `insert … select` of the deltas summed by `key`, added to the rows already there. */
const addInto = (
	table: 'daily_figures' | 'weekly_figures' | 'monthly_figures',
	key: 'day' | 'week' | 'month',
	from: string
) =>
	sql`insert into ${sql.table(table)} (${sql.ref(key)}, point_id, matter_id, ${cols})
		select ${sql.ref(key)}, point_id, matter_id, ${sums} from ${sql.raw(from)} where true
		group by ${sql.ref(key)}, point_id, matter_id
		order by ${sql.ref(key)}, point_id, matter_id
		on conflict (${sql.ref(key)}, point_id, matter_id) do update set ${adds(table)}`;

/**
 * Moves the pending deltas into the daily, weekly and monthly rows (readers add the deltas, so this only
 * keeps them few). On PostgreSQL one statement deletes and adds, so a delta committed meanwhile
 * is either moved or left, never lost; an advisory lock keeps two servers from folding at once.
 */
export async function foldFigures(conn: Connection): Promise<void> {
	await writeTransaction(conn, async (tx) => {
		if (conn.kind === 'postgres') {
			await sql`select pg_advisory_xact_lock(hashtext('fold_figures'))`.execute(tx);
			await sql`with moved as (delete from figure_deltas returning *),
				daily as (${addInto('daily_figures', 'day', 'moved')}),
				weekly as (${addInto('weekly_figures', 'week', 'moved')})
				${addInto('monthly_figures', 'month', 'moved')}`.execute(tx);
			return;
		}
		// SQLite: the write transaction holds the whole database.
		await addInto('daily_figures', 'day', 'figure_deltas').execute(tx);
		await addInto('weekly_figures', 'week', 'figure_deltas').execute(tx);
		await addInto('monthly_figures', 'month', 'figure_deltas').execute(tx);
		await sql`delete from figure_deltas`.execute(tx);
	});
}
