import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction } from '../db/transaction';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { announceCall } from './call-events';
import { followDisplay } from './display-feed';
import { callNext, issueTicket, type DisplayState } from './tickets';

const POINT = 'chengxiang-centre';

for (const target of testDatabases()) {
	describe(`the hall displays' feed on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
		});
		afterAll(async () => conn?.drop());

		/** Issues a ticket and calls it, as a counter does; its code. */
		async function call(): Promise<string> {
			return writeTransaction(conn, async (tx) => {
				await issueTicket(conn, tx, { pointId: POINT, categoryId: 'welfare', prefix: 'B' });
				const called = await callNext(conn, tx, POINT, 1);
				await announceCall(conn, tx, POINT);
				return called!.code;
			});
		}

		it('shows each display the board now, then each call, read once for them all', async () => {
			const seen: DisplayState[][] = [[], [], []];
			const leave = await Promise.all(
				seen.map((states) => followDisplay(conn, conn.url, POINT, (s) => states.push(s)))
			);
			expect(seen.map((states) => states.length)).toEqual([1, 1, 1]);

			const code = await call();
			await expect
				.poll(() => seen.map((states) => states.at(-1)?.current?.code))
				.toEqual([code, code, code]);
			// One reading shown on every display, not one each.
			const [a, b, c] = seen.map((states) => states.at(-1));
			expect(a).toBe(b);
			expect(b).toBe(c);

			// A display that left is shown nothing more; the others go on.
			leave[0]!();
			const next = await call();
			await expect.poll(() => seen[1]!.at(-1)?.current?.code).toBe(next);
			expect(seen[0]!.at(-1)?.current?.code).toBe(code);
			for (const off of leave.slice(1)) off();
		});
	});
}
