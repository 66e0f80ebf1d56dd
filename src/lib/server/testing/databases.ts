import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Connection, type DatabaseKind } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

export interface TestDatabase {
	kind: DatabaseKind;
	/** A fresh, empty database, migrated unless told not to; `drop()` removes it. */
	create(options?: {
		migrate?: boolean;
	}): Promise<Connection & { url: string; drop(): Promise<void> }>;
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names a server (a new schema per database). */
export function testDatabases(): TestDatabase[] {
	const list: TestDatabase[] = [{ kind: 'sqlite', create: createSqlite }];
	const pgUrl = process.env.TEST_DATABASE_URL;
	if (pgUrl) list.push({ kind: 'postgres', create: (options) => createPostgres(pgUrl, options) });
	return list;
}

async function createSqlite(options: { migrate?: boolean } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'one-window-test-'));
	const url = join(dir, 'test.db');
	const conn = connect(url);
	if (options.migrate !== false) await migrateToLatest(conn.db);
	return {
		...conn,
		url,
		async drop() {
			await conn.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

async function createPostgres(baseUrl: string, options: { migrate?: boolean } = {}) {
	const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const url = withSearchPath(baseUrl, schema);
	const conn = connect(url, { poolSize: 20 });
	if (options.migrate !== false) await migrateToLatest(conn.db);
	return {
		...conn,
		url,
		async drop() {
			await conn.close();
			const cleanup = new pg.Client({ connectionString: baseUrl });
			await cleanup.connect();
			await cleanup.query(`drop schema ${schema} cascade`);
			await cleanup.end();
		}
	};
}

/** A connection string whose sessions work inside one schema. */
export function withSearchPath(url: string, schema: string): string {
	const u = new URL(url);
	u.searchParams.set('options', `-c search_path=${schema}`);
	return u.toString();
}
