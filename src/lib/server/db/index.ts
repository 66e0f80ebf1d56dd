import { env } from '$env/dynamic/private';
import { connect, type Connection } from './connect';
import { migrateToLatest } from './migrate';

export const DEFAULT_SQLITE_FILE = 'data/one-window.db';

let connection: Connection | undefined;

/** The app's database: PostgreSQL when `DATABASE_URL` names one, else the SQLite file under data/. */
export function database(): Connection {
	if (!connection) {
		const url = env.DATABASE_URL?.trim() || env.SQLITE_FILE?.trim() || DEFAULT_SQLITE_FILE;
		if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(url)) {
			throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${url}"`);
		}
		connection = connect(url, { poolSize: Number(env.DATABASE_POOL_SIZE) || 10 });
	}
	return connection;
}

export async function openDatabase(): Promise<Connection> {
	const conn = database();
	await migrateToLatest(conn.db);
	return conn;
}
