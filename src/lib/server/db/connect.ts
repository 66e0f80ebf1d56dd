import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import { preparingMarked } from './prepared';
import type { SqliteStatements } from './run-compiled';
import type { Database } from './schema';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Connection {
	db: Kysely<Database>;
	kind: DatabaseKind;
	close(): Promise<void>;
	/**
	 * SQLite: copies the write-ahead log into the database file, when the last copy is old enough
	 * (`CHECKPOINT_EVERY_MS`), on a thread of its own (`startCheckpointer`). Writers call it once
	 * their turn to write is over.
	 */
	checkpoint?(): void;
	/** SQLite: the connection's prepared statements, for a write transaction to run on directly. */
	statements?: SqliteStatements;
}

// int8 (counts, sequences) as a number: every such value here stays far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens the database that `url` names: `postgres://…` for PostgreSQL, anything else is an
 * SQLite file path (created with its folder when missing) or `:memory:`.
 */
export function connect(url: string, options: { poolSize?: number } = {}): Connection {
	if (/^postgres(ql)?:\/\//.test(url)) {
		const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
		pool.on('connect', preparingMarked);
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		return { db, kind: 'postgres', close: () => db.destroy() };
	}
	const sqlite = openSqlite(url);
	const statements = cachingPrepare(sqlite);
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
	const checkpointer =
		url === ':memory:'
			? null
			: startCheckpointer(url, CHECKPOINT_EVERY_MS, () =>
					sql`pragma wal_checkpoint(PASSIVE)`.execute(db)
				);
	return {
		db,
		kind: 'sqlite',
		close: async () => {
			await checkpointer?.close();
			await db.destroy();
		},
		checkpoint: checkpointer ? () => checkpointer.request() : undefined,
		statements
	};
}

/**
 * The SQLite file (created with its folder when missing) or `:memory:`, with the settings the app
 * runs it with.
 */
export function openSqlite(url: string): SQLite.Database {
	if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
	const sqlite = new SQLite(url);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	// A savepoint's journal kept in memory rather than in a temporary file: writes inside a
	// savepoint (an op applied alone, see `applyOps`) then cost what plain ones do, not three times.
	sqlite.pragma('temp_store = MEMORY');
	// SQLite copies its log into the database file inside the commit that fills it (every 1,000
	// pages by default): the writer pays for the copy and its flush to disk while it still holds
	// the turn to write, and every other writer waits on it. The log is copied on another thread
	// once a turn is over (`checkpoint`); SQLite's own copy stays, past a larger log, for writes
	// made outside a write transaction.
	sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
	return sqlite;
}

/** SQLite's own checkpoint, as a backstop: 40 MB of log with 4 KB pages. */
const AUTOCHECKPOINT_PAGES = 10_000;
/** How often the log is copied into the database file, at most. */
export const CHECKPOINT_EVERY_MS = 200;

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing costs as much as running a small write. The same
 * SQL text reuses its prepared statement (the driver never streams, so none is in use twice).
 */
function cachingPrepare(sqlite: SQLite.Database) {
	const cache = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let statement = cache.get(sql);
			if (!statement) {
				// Full: the oldest makes room (a hot statement dropped is simply prepared again).
				if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
				statement = sqlite.prepare(sql);
				cache.set(sql, statement);
			}
			return statement;
		}
	};
}
