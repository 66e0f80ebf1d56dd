import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import { migrateToLatest } from './migrate';

for (const target of testDatabases()) {
	describe(`poor ratings' follow-ups from before their deadlines, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create({ migrate: false });
			await migrateToLatest(conn.db, '014_ticket_first_call');
			const updated_at = new Date().toISOString();
			// Friday 1 May a holiday, Saturday 9 May a make-up working day.
			await conn.db
				.insertInto('national_calendar')
				.values([
					{ date: '2026-05-01', kind: 'holiday', source: 'list', updated_at },
					{ date: '2026-05-09', kind: 'workday', source: 'list', updated_at }
				])
				.execute();
			const followUp = (id: string, ratedAt: string) => ({
				application_id: id,
				point_id: 'guliu-centre',
				matter_id: 'birth-registration',
				stars: 1,
				rated_at: ratedAt,
				closed: 0,
				action: '',
				followed_at: null
			});
			// Rated on Thursday 30 April, 23:30 Beijing time (15:30 UTC), and on Monday 4 May.
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table as it was
			await (conn.db as unknown as Kysely<any>)
				.insertInto('rating_follow_ups')
				.values([
					followUp('open', '2026-04-30T15:30:00.000Z'),
					{
						...followUp('closed', '2026-05-04T02:00:00.000Z'),
						closed: 1,
						action: '已回访',
						// 23 May 01:00 Beijing time.
						followed_at: '2026-05-22T17:00:00.000Z'
					}
				])
				.execute();
			await migrateToLatest(conn.db);
		});
		afterAll(async () => conn?.drop());

		it('gives each its deadline by the calendar, and the closed ones the day they were closed', async () => {
			const rows = await conn.db
				.selectFrom('rating_follow_ups')
				.select(['application_id', 'deadline', 'closed_on'])
				.orderBy('application_id')
				.execute();
			expect(rows).toEqual([
				// The days after Monday 4 May: 5–8, 9 (make-up), 11–15, 18–22.
				{ application_id: 'closed', deadline: '2026-05-22', closed_on: '2026-05-23' },
				// After Thursday 30 April: 1 May off, 4–8, 9, 11–15, 18–21.
				{ application_id: 'open', deadline: '2026-05-21', closed_on: null }
			]);
		});
	});
}
