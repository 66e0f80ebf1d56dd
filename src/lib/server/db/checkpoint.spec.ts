import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../testing/databases';
import { CHECKPOINT_EVERY_MS } from './connect';
import { writeTransaction, type Tx } from './transaction';

const sqlite = testDatabases().find((t) => t.kind === 'sqlite')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the SQLite log after a write turn', () => {
	let conn: Awaited<ReturnType<typeof sqlite.create>>;
	beforeAll(async () => {
		conn = await sqlite.create();
	});
	afterAll(async () => conn?.drop());

	const note = 'x'.repeat(500);
	const fileBytes = () => statSync(conn.url).size;
	/** About 250 pages: a quarter of what makes SQLite copy the log by itself. */
	const writeMany = async (tx: Tx, from: number) => {
		for (let i = from; i < from + 2000; i++)
			await tx
				.insertInto('application_events')
				.values({ application_id: `app-${i}`, step: 'submitted', at: '2026-12-04', note })
				.execute();
	};

	it('reaches the database file once the writer’s turn is over, not only when the log is full', async () => {
		await writeTransaction(conn, (tx) => sql`select 1`.execute(tx));
		const before = fileBytes();
		await writeTransaction(conn, (tx) => writeMany(tx, 0));
		await sleep(CHECKPOINT_EVERY_MS + 100);
		await writeTransaction(conn, (tx) => sql`select 1`.execute(tx));
		await sleep(20);
		expect(fileBytes() - before).toBeGreaterThan(1_000_000);
	});

	it('copies the log while this process is busy: the copy and its flushes to disk never stall the process', async () => {
		await sleep(CHECKPOINT_EVERY_MS + 100);
		const before = fileBytes();
		await writeTransaction(conn, (tx) => writeMany(tx, 4000));
		// The process computes without a pause; the database file grows meanwhile or not at all.
		let grew = false;
		for (const end = Date.now() + 3000; !grew && Date.now() < end;) {
			grew = fileBytes() - before > 1_000_000;
		}
		expect(grew).toBe(true);
	});

	it('copies the log while a transaction is under way, without an error', async () => {
		await sleep(CHECKPOINT_EVERY_MS + 100);
		const before = fileBytes();
		const failed = vi.spyOn(console, 'error');
		try {
			// The second waits for the connection the first holds, and begins as soon as it is free.
			const first = writeTransaction(conn, (tx) => writeMany(tx, 2000));
			const second = writeTransaction(conn, async (tx) => {
				await sql`select 1`.execute(tx);
				await sleep(50);
			});
			await Promise.all([first, second]);
			await sleep(50);
			expect(failed).not.toHaveBeenCalled();
			expect(fileBytes() - before).toBeGreaterThan(1_000_000);
		} finally {
			failed.mockRestore();
		}
	});
});
