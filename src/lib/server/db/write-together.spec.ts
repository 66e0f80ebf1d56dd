import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepWrite } from '../applications/status';
import { figuresWrite } from '../figures/record';
import { changeWrite } from '../sync/changes';
import { testDatabases } from '../testing/databases';
import { writeTransaction } from './transaction';
import { writeTogether } from './write-together';

const at = new Date('2026-12-02T02:00:00Z');

for (const target of testDatabases()) {
	describe(`writes sent together on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
		});
		afterAll(async () => conn?.drop());

		const eventsOf = (applicationId: string) =>
			conn.db
				.selectFrom('application_events')
				.select(['step', 'note', 'at'])
				.where('application_id', '=', applicationId)
				.orderBy('seq')
				.execute();

		it('writes every part, each with its own values', async () => {
			await writeTransaction(conn, (tx) =>
				writeTogether(tx, conn.kind, [
					stepWrite(tx, 'app-1', 'submitted', at, 'first'),
					figuresWrite(tx, { day: '2026-12-02', pointId: 'p', matterId: 'm' }, { booked: 1 }),
					stepWrite(tx, 'app-5', 'check_in', at, 'second'),
					changeWrite(tx, conn.kind, 'device-1', 'app-1', at)
				])
			);
			expect(await eventsOf('app-1')).toEqual([
				{ step: 'submitted', note: 'first', at: at.toISOString() }
			]);
			expect(await eventsOf('app-5')).toEqual([
				{ step: 'check_in', note: 'second', at: at.toISOString() }
			]);
			const figures = await conn.db.selectFrom('figure_deltas').selectAll().execute();
			expect(figures).toMatchObject([
				{ day: '2026-12-02', point_id: 'p', matter_id: 'm', booked: 1, applications: 0 }
			]);
			const changes = await conn.db.selectFrom('changes').selectAll().execute();
			expect(changes).toMatchObject([{ device_id: 'device-1', application_id: 'app-1' }]);
		});

		it('writes none of them when one fails', async () => {
			await expect(
				writeTransaction(conn, (tx) =>
					writeTogether(tx, conn.kind, [
						stepWrite(tx, 'app-2', 'submitted', at),
						// No step: the column refuses a null.
						stepWrite(tx, 'app-2', null as unknown as 'submitted', at)
					])
				)
			).rejects.toThrow();
			expect(await eventsOf('app-2')).toEqual([]);
		});

		it.runIf(target.kind === 'postgres')(
			"holds a device's next change until its earlier one commits, so a cursor never passes one",
			async () => {
				let commitFirst!: () => void;
				const firstHolds = new Promise<void>((r) => (commitFirst = r));
				let firstRecorded!: () => void;
				const recorded = new Promise<void>((r) => (firstRecorded = r));
				const first = conn.db.transaction().execute(async (tx) => {
					await writeTogether(tx, conn.kind, [
						stepWrite(tx, 'app-3', 'submitted', at),
						changeWrite(tx, conn.kind, 'device-3', 'app-3', at)
					]);
					firstRecorded();
					await firstHolds;
				});
				await recorded;
				let secondDone = false;
				const second = writeTransaction(conn, (tx) =>
					writeTogether(tx, conn.kind, [changeWrite(tx, conn.kind, 'device-3', 'app-4', at)])
				).then(() => (secondDone = true));
				await new Promise((r) => setTimeout(r, 300));
				expect(secondDone).toBe(false);
				commitFirst();
				await Promise.all([first, second]);
				const changes = await conn.db
					.selectFrom('changes')
					.select(['application_id'])
					.where('device_id', '=', 'device-3')
					.orderBy('seq')
					.execute();
				expect(changes.map((c) => c.application_id)).toEqual(['app-3', 'app-4']);
			}
		);
	});
}
