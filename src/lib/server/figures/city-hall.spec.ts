import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '$lib/catalog/dates';
import { slotTimes } from '$lib/catalog/slots';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { issueTicket } from '../counter/tickets';
import { writeTransaction } from '../db/transaction';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { figureFilter, type FigureFilter } from './filters';
import { followUps, recordFollowUp } from './follow-ups';
import { volumeFigures } from './volume';

const at = (local: string) => new Date(`${local}+08:00`);
const X = 'individual-business-registration'; // handled at the city hall too
const HALL = 'laiyang-city-hall';
const A = 'chengxiang-centre';
const V = 'chengxiang-proxy-6';
const WEEK: FigureFilter = {
	from: '2026-03-02',
	to: '2026-03-08',
	townId: null,
	pointId: null,
	matterId: null,
	grain: 'day'
};

for (const target of testDatabases()) {
	describe(`work done below the city hall, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let n = 0;

		async function submit(pointId: string, when: Date) {
			const device = { id: (await registerDevice(conn.db)).deviceId, userId: null };
			const point = catalog.points.find((p) => p.id === pointId)!;
			const rule = point.services.find((s) => s.matterId === X)!;
			const slots = slotTimes(
				point,
				rule,
				catalog.calendar,
				addDays(serviceClock(when).date, 1),
				5,
				when
			)
				.slice(0, 1)
				.map((s) => s.start);
			const op = submitOp(catalog, { n: ++n, pointId, slots });
			const [r] = await applyOps(conn, device, [op], catalog, () => when);
			expect(r).toMatchObject({ status: 'applied', reply: { booking: { status: 'booked' } } });
		}
		const walkIn = (pointId: string, time: string) =>
			writeTransaction(conn, (tx) =>
				issueTicket(
					conn,
					tx,
					{ pointId, categoryId: 'market', prefix: 'A' },
					at(`2026-03-02T${time}:00`)
				)
			);

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			// Monday 2 March. The city hall: 2 applications and 1 walk-in; the town's centre: 2 and 2;
			// a proxy point of the town: 1 application.
			await submit(HALL, at('2026-03-02T09:00:00'));
			await submit(HALL, at('2026-03-02T09:01:00'));
			await submit(A, at('2026-03-02T09:02:00'));
			await submit(A, at('2026-03-02T09:03:00'));
			await submit(V, at('2026-03-02T09:04:00'));
			await walkIn(HALL, '10:00');
			await walkIn(A, '10:01');
			await walkIn(A, '10:02');
		});
		afterAll(async () => conn?.drop());

		it('counts the city hall as the city level, and the rest as moved down', async () => {
			expect(catalog.points.find((p) => p.id === HALL)).toMatchObject({
				kind: 'city',
				townId: 'chengxiang'
			});
			const v = await volumeFigures(conn.db, catalog, WEEK);
			// 8 applications and walk-ins, 3 of them at the city hall: 5 / 8 = 62.5 % below it.
			expect(v.totals).toMatchObject({ applications: 5, walkIns: 3, movedDown: 62.5 });
			// Village level 1 of 8, town centres 4 of 8, the city hall 3 of 8.
			expect(v.levels.rows.map((r) => [r.applications, r.walkIns, r.share])).toEqual([
				[1, 0, 12.5],
				[2, 2, 50],
				[2, 1, 37.5]
			]);
		});

		it("shows the city hall apart from the town it stands in, in the city's figures by town", async () => {
			const v = await volumeFigures(conn.db, catalog, WEEK);
			const row = (place: string) => v.places.rows.find((r) => r.place === place);
			expect(row('城厢街道')).toMatchObject({ applications: 3, walkIns: 2 });
			expect(row('莱阳市政务服务中心')).toMatchObject({ applications: 2, walkIns: 1 });
		});

		it("leaves the city hall out of its town's figures: the hall is the city's", async () => {
			const v = await volumeFigures(conn.db, catalog, { ...WEEK, townId: 'chengxiang' });
			expect(v.totals).toMatchObject({ applications: 3, walkIns: 2 });
			expect(v.places.rows.map((r) => r.place)).not.toContain('莱阳市政务服务中心');
			// Nor can a town's administrator narrow the figures to it.
			const scope = { townId: 'chengxiang' } as Parameters<typeof figureFilter>[1];
			const asked = new URLSearchParams({ point: HALL });
			expect(figureFilter(asked, scope, catalog).filter.pointId).toBeNull();
		});

		it("keeps a poor rating of the city hall's out of its town's follow-ups, to read or to record", async () => {
			const { id } = await conn.db
				.selectFrom('applications')
				.select('id')
				.where('point_id', '=', HALL)
				.executeTakeFirstOrThrow();
			await conn.db
				.insertInto('rating_follow_ups')
				.values({
					application_id: id,
					point_id: HALL,
					matter_id: X,
					stars: 1,
					rated_at: '2026-03-03T02:00:00.000Z',
					deadline: '2026-03-24'
				})
				.execute();
			const listed = (f: FigureFilter) =>
				followUps(conn.db, f, 50).then((rows) => rows.map((r) => r.applicationId));
			expect(await listed(WEEK)).toContain(id);
			expect(await listed({ ...WEEK, townId: 'chengxiang' })).not.toContain(id);

			const user = {
				id: 'town-admin',
				username: 'town-admin',
				displayName: '',
				role: 'town_admin'
			};
			const scope = { user, townId: 'chengxiang' } as Parameters<typeof recordFollowUp>[1];
			const pointOf = (pointId: string) => catalog.points.find((p) => p.id === pointId);
			const entry = { applicationId: id, action: '已致电', closed: true };
			expect(await recordFollowUp(conn, scope, pointOf, entry)).toEqual({
				ok: false,
				code: 'other_town'
			});
		});
	});
}
