import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Connection } from '../db/connect';
import type { Tx } from '../db/transaction';
import { broadcast, onBroadcast } from '../cluster';

const CHANNEL = 'ow_calls';
const local = new EventEmitter();
local.setMaxListeners(0);
// On SQLite, the other processes of this server tell of their calls through the primary.
onBroadcast((topic, pointId) => topic === CHANNEL && local.emit('call', pointId));

let listener: Promise<void> | null = null;

/**
 * With PostgreSQL, every app server listens on one channel, so a call made through any server
 * reaches the displays connected to each; the listening connection reopens itself if it drops.
 */
function listen(url: string): Promise<void> {
	listener ??= (async () => {
		const client = new pg.Client({ connectionString: url });
		const reopen = () => {
			listener = null;
			client.removeAllListeners();
			client.end().catch(() => {});
			setTimeout(() => void listen(url).catch(() => {}), 1000).unref();
		};
		client.on('notification', (n) => {
			if (n.channel === CHANNEL && n.payload) local.emit('call', n.payload);
		});
		client.on('error', reopen);
		client.on('end', reopen);
		await client.connect();
		await client.query(`listen ${CHANNEL}`);
	})().catch((e) => {
		listener = null;
		throw e;
	});
	return listener;
}

/** Calls `fn` with the point's id whenever one of its tickets is called, recalled or moved. */
export async function onCall(
	conn: Connection,
	url: string,
	pointId: string,
	fn: () => void
): Promise<() => void> {
	const handler = (id: string) => {
		if (id === pointId) fn();
	};
	local.on('call', handler);
	const off = () => local.off('call', handler);
	if (conn.kind === 'postgres') {
		try {
			await listen(url);
		} catch (e) {
			off();
			throw e;
		}
	}
	return off;
}

/**
 * Announces a change to a point's calls. On PostgreSQL the notice goes out with the transaction's
 * commit (to every server, this one included); on SQLite call it after the commit.
 */
export async function announceCall(conn: Connection, tx: Tx, pointId: string): Promise<void> {
	if (conn.kind === 'postgres') await sql`select pg_notify(${CHANNEL}, ${pointId})`.execute(tx);
	else
		setImmediate(() => {
			local.emit('call', pointId);
			broadcast(CHANNEL, pointId);
		});
}
