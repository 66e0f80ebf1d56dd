import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withSearchPath } from '../../src/lib/server/testing/databases';

export type BenchKind = 'sqlite' | 'postgres';

/** Where a benchmark's PostgreSQL runs: `--pg`, TEST_DATABASE_URL, BENCH_DATABASE_URL, or the local server. */
export const defaultPgUrl =
	process.env.TEST_DATABASE_URL ??
	process.env.BENCH_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
	kind: BenchKind;
	/** The SQLite file or the PostgreSQL URL (with its own schema on the search path). */
	url: string;
	/** The server's environment for it. */
	env: Record<string, string>;
	drop(): Promise<void>;
}

/** A fresh, empty database for one benchmark run: a SQLite file, or a new PostgreSQL schema. */
export async function benchDatabase(kind: BenchKind, pgUrl = defaultPgUrl): Promise<BenchDatabase> {
	if (kind === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'one-window-bench-'));
		const url = join(dir, 'bench.db');
		const drop = async () => rmSync(dir, { recursive: true, force: true });
		return { kind, url, env: { DATABASE_URL: '', SQLITE_FILE: url }, drop };
	}
	const schema = `bench_${Date.now()}_${process.pid}`;
	await onServer(pgUrl, `create schema ${schema}`);
	const url = withSearchPath(pgUrl, schema);
	return {
		kind,
		url,
		env: { DATABASE_URL: url },
		drop: () => onServer(pgUrl, `drop schema ${schema} cascade`)
	};
}

async function onServer(pgUrl: string, sql: string) {
	const client = new pg.Client({ connectionString: pgUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}
