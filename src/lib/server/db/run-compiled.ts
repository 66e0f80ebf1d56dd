import type { CompiledQuery, QueryResult } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Tx } from './transaction';

/** Prepared statements of one SQLite connection, by their text. */
export interface SqliteStatements {
	prepare(sql: string): SQLite.Statement;
}

/** The connection each SQLite write transaction holds, by the Kysely bound to it for the while. */
const held = new WeakMap<Tx, SqliteStatements>();

/**
 * Runs the statements `fn` gives to `runCompiled` on `tx` straight on `statements`' connection,
 * which the caller holds for the while (no other query can run on it meanwhile). They do not queue
 * behind a query sent through Kysely and not yet run: `fn` awaits each query before the next, as
 * every writer here does.
 */
export async function holdingSqlite<T>(
	tx: Tx,
	statements: SqliteStatements,
	fn: () => Promise<T>
): Promise<T> {
	held.set(tx, statements);
	try {
		return await fn();
	} finally {
		held.delete(tx);
	}
}

/**
 * Runs a compiled statement. In an SQLite write transaction it runs at once on the connection the
 * transaction holds, as Kysely's driver would, without the promises Kysely passes each query
 * through (with the request's async context tracked, those cost more than a small insert).
 */
export async function runCompiled<R>(tx: Tx, query: CompiledQuery<R>): Promise<QueryResult<R>> {
	const statements = held.get(tx);
	if (!statements) return tx.executeQuery(query);
	const statement = statements.prepare(query.sql);
	if (statement.reader) return { rows: statement.all(query.parameters as unknown[]) as R[] };
	const { changes, lastInsertRowid } = statement.run(query.parameters as unknown[]);
	return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
