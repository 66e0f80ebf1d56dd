import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../testing/databases';
import { startCheckpointer } from './checkpointer';

const sqlite = testDatabases().find((t) => t.kind === 'sqlite')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the thread that copies the SQLite log', () => {
	let conn: Awaited<ReturnType<typeof sqlite.create>>;
	beforeAll(async () => {
		conn = await sqlite.create();
	});
	afterAll(async () => conn?.drop());

	it('copies on its own thread: asked, it returns before anything is copied, and the file grows while this thread computes', async () => {
		const fallback = vi.fn(async () => {});
		const checkpointer = startCheckpointer(conn.url, 0, fallback);
		try {
			// About 1,000 pages of log, written outside any write turn (nothing copies them yet).
			const note = 'x'.repeat(2000);
			await conn.db.transaction().execute(async (tx) => {
				for (let i = 0; i < 2000; i++)
					await tx
						.insertInto('application_events')
						.values({ application_id: `app-${i}`, step: 'submitted', at: '2026-12-05', note })
						.execute();
			});
			const before = statSync(conn.url).size;
			checkpointer.request();
			const asked = statSync(conn.url).size;
			let grew = false;
			for (const end = Date.now() + 5000; !grew && Date.now() < end;) {
				grew = statSync(conn.url).size - before > 3_000_000;
			}
			expect(asked).toBe(before);
			expect(grew).toBe(true);
			expect(fallback).not.toHaveBeenCalled();
		} finally {
			await checkpointer.close();
		}
	});

	it('copies on the process’s own connection when its thread cannot run', async () => {
		const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
		const fallback = vi.fn(async () => {});
		// No such file: the thread's connection cannot open, and the thread stops.
		const checkpointer = startCheckpointer(join(tmpdir(), `absent-${Date.now()}.db`), 0, fallback);
		try {
			for (const end = Date.now() + 5000; !fallback.mock.calls.length && Date.now() < end;) {
				checkpointer.request();
				await sleep(20);
			}
			expect(fallback).toHaveBeenCalled();
			expect(failed).toHaveBeenCalled();
		} finally {
			failed.mockRestore();
			await checkpointer.close();
		}
	});
});
