import { sql } from 'kysely';
import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';

export type ColumnType = 'text' | 'int';

/**
 * Inserts many rows fast: on PostgreSQL one statement per batch whose values are whole columns
 * (`unnest` of arrays: a few parameters whatever the row count); on SQLite multi-row inserts
 * within the caller's transaction.
 */
export async function bulkInsert(
	db: Tx,
	kind: DatabaseKind,
	table: string,
	columns: Record<string, ColumnType>,
	rows: Record<string, unknown>[]
): Promise<void> {
	if (!rows.length) return;
	const names = Object.keys(columns);
	if (kind === 'postgres') {
		for (let i = 0; i < rows.length; i += 50_000) {
			const batch = rows.slice(i, i + 50_000);
			const arrays = names.map(
				(n) =>
					sql`${batch.map((r) => r[n] ?? null)}::${sql.raw(columns[n] === 'int' ? 'bigint' : 'text')}[]`
			);
			await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
				select * from unnest(${sql.join(arrays)})`.execute(db);
		}
		return;
	}
	const per = Math.max(1, Math.floor(30_000 / names.length));
	for (let i = 0; i < rows.length; i += per) {
		const batch = rows.slice(i, i + per);
		const values = batch.map((r) => sql`(${sql.join(names.map((n) => r[n] ?? null))})`);
		await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
			values ${sql.join(values)}`.execute(db);
	}
}
