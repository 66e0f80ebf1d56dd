import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../catalog/snapshot';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { calendarDays, listedDays, prefillCalendar } from './national';

for (const target of testDatabases()) {
	describe(`the national calendar on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
		});
		afterAll(async () => conn?.drop());

		it('is prefilled from the maintained list, holidays and make-up working days', async () => {
			const days = await calendarDays(conn.db, 2026);
			expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({
				kind: 'holiday',
				name: { zh: '国庆节', en: 'National Day' },
				source: 'list'
			});
			expect(days.find((d) => d.date === '2026-02-28')).toMatchObject({ kind: 'workday' });
			expect(days.length).toBe(listedDays().filter((d) => d.date.startsWith('2026')).length);
		});

		it('never brings back a day an administrator changed', async () => {
			await conn.db
				.updateTable('national_calendar')
				.set({ kind: 'normal', source: 'admin' })
				.where('date', '=', '2026-10-07')
				.execute();
			expect(await prefillCalendar(conn.db, '2025-01-01')).toBe(0);
			const day = (await calendarDays(conn.db, 2026)).find((d) => d.date === '2026-10-07');
			expect(day).toMatchObject({ kind: 'normal', source: 'admin' });
		});

		it('goes to devices with the catalogue, without the days set back to normal', async () => {
			const { calendar } = await buildSnapshot(conn.db);
			expect(calendar.holidays['2026-10-01']).toEqual({ zh: '国庆节', en: 'National Day' });
			expect(calendar.holidays['2026-10-07']).toBeUndefined();
			expect(calendar.workdays['2026-09-20']).toBeDefined();
		});
	});
}
