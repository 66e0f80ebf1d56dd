import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import { writeTransaction } from './transaction';

const sqlite = testDatabases().find((t) => t.kind === 'sqlite')!;

describe('the SQLite log after a write turn', () => {
	let conn: Awaited<ReturnType<typeof sqlite.create>>;
	beforeAll(async () => {
		conn = await sqlite.create();
	});
	afterAll(async () => conn?.drop());

	const note = 'x'.repeat(500);
	const fileBytes = () => statSync(conn.url).size;

	it('reaches the database file once the writer’s turn is over, not only when the log is full', async () => {
		await writeTransaction(conn, (tx) => sql`select 1`.execute(tx));
		const before = fileBytes();
		// About 250 pages: a quarter of what makes SQLite copy the log by itself.
		await writeTransaction(conn, async (tx) => {
			for (let i = 0; i < 2000; i++)
				await tx
					.insertInto('application_events')
					.values({ application_id: `app-${i}`, step: 'submitted', at: '2026-12-04', note })
					.execute();
		});
		await new Promise((r) => setTimeout(r, 300));
		await writeTransaction(conn, (tx) => sql`select 1`.execute(tx));
		expect(fileBytes() - before).toBeGreaterThan(1_000_000);
	});
});
