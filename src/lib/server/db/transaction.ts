import { sql, type Kysely, type Transaction } from 'kysely';
import type { Connection } from './connect';
import type { Database } from './schema';

export type Tx = Kysely<Database> | Transaction<Database>;

/**
 * Runs `fn` in a transaction that may read then write: on SQLite `BEGIN IMMEDIATE` takes the write
 * lock first (so another process cannot slip in between the read and the write); on PostgreSQL a
 * plain transaction, whose writers guard themselves with conditional updates and locks.
 */
export async function writeTransaction<T>(
	conn: Connection,
	fn: (tx: Tx) => Promise<T>
): Promise<T> {
	if (conn.kind === 'postgres') return conn.db.transaction().execute(fn);
	return conn.db.connection().execute(async (db) => {
		await sql`begin immediate`.execute(db);
		try {
			const result = await fn(db);
			await sql`commit`.execute(db);
			return result;
		} catch (error) {
			await sql`rollback`.execute(db);
			throw error;
		}
	});
}
