import { sql, type Kysely, type Transaction } from 'kysely';
import type { Connection } from './connect';
import { holdingSqlite } from './run-compiled';
import type { Database } from './schema';
import { holdsWriteTurn, takeWriteTurn } from './write-turns';

export type Tx = Kysely<Database> | Transaction<Database>;

/** PostgreSQL's answer when it rolled a transaction back to break a deadlock or a serialization clash. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

/**
 * Runs `fn` in a transaction that may read then write: on SQLite, once this process's turn to
 * write has come (`takeWriteTurn`), `BEGIN IMMEDIATE` takes the write lock first (so another
 * process cannot slip in between the read and the write), and once the turn has left the process
 * the log may be copied into the database file (`Connection.checkpoint`); on PostgreSQL a plain
 * transaction, whose writers guard themselves with conditional updates and locks, run again
 * (after a short random pause) when the server broke a deadlock by rolling it back.
 */
export async function writeTransaction<T>(
	conn: Connection,
	fn: (tx: Tx) => Promise<T>
): Promise<T> {
	if (conn.kind === 'postgres') {
		for (let attempt = 1; ; attempt++) {
			try {
				return await conn.db.transaction().execute(fn);
			} catch (error) {
				const code = (error as { code?: string } | null)?.code;
				if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
				await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
			}
		}
	}
	const endTurn = await takeWriteTurn();
	try {
		return await conn.db.connection().execute(async (db) => {
			await sql`begin immediate`.execute(db);
			try {
				const result = conn.statements
					? await holdingSqlite(db, conn.statements, () => fn(db))
					: await fn(db);
				await sql`commit`.execute(db);
				return result;
			} catch (error) {
				await sql`rollback`.execute(db);
				throw error;
			}
		});
	} finally {
		endTurn();
		// Once this process's writers are done for now: a copy made while they still write would
		// leave the part of the log they add meanwhile for the next one.
		if (!holdsWriteTurn()) conn.checkpoint?.();
	}
}
