import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotTimes } from '$lib/catalog/slots';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import type { FigureFilter } from './filters';
import { foldFigures } from './fold';
import { rebuildDailyFigures } from './rebuild';
import { volumeFigures } from './volume';

const at = (local: string) => new Date(`${local}+08:00`);
const X = 'individual-business-registration';
const CENTRE = 'tuanwang-centre';
const MARCH: FigureFilter = {
	from: '2026-03-01',
	to: '2026-03-31',
	townId: 'tuanwang',
	pointId: null,
	matterId: null,
	grain: 'day'
};

for (const target of testDatabases()) {
	describe(`how applications came, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let n = 0;

		/** An application made on a phone at `madeAt` that reached the server at `receivedAt`. */
		async function submit(
			device: { id: string; userId: string | null },
			madeAt: Date,
			receivedAt: Date
		) {
			const point = catalog.points.find((p) => p.id === CENTRE)!;
			const rule = point.services.find((s) => s.matterId === X)!;
			const slots = slotTimes(point, rule, catalog.calendar, '2026-03-09', 5, receivedAt)
				.slice(0, 1)
				.map((s) => s.start);
			const op = submitOp(catalog, { n: ++n, pointId: CENTRE, slots });
			op.payload.createdAt = madeAt.toISOString();
			const [r] = await applyOps(conn, device, [op], catalog, () => receivedAt);
			expect(r!.status).toBe('applied');
		}

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			const agent = { id: 'u-agent-channels' };
			await addTestUser(conn.db, {
				id: agent.id,
				username: 'agent-channels',
				displayName: '王代办（测试村）',
				role: 'agent',
				pointId: 'tuanwang-proxy-6'
			});
			const phone = { id: (await registerDevice(conn.db)).deviceId, userId: null };
			const agentPhone = { id: (await registerDevice(conn.db)).deviceId, userId: agent.id };
			// Sent at once; sent 4 min later (a slow link, not offline); sent 2 h later from the outbox.
			await submit(phone, at('2026-03-02T09:00:00'), at('2026-03-02T09:00:02'));
			await submit(phone, at('2026-03-02T09:10:00'), at('2026-03-02T09:14:00'));
			await submit(phone, at('2026-03-02T07:00:00'), at('2026-03-02T09:00:00'));
			// An agent's two: one at once, one made offline the evening before.
			await submit(agentPhone, at('2026-03-03T10:00:00'), at('2026-03-03T10:00:01'));
			await submit(agentPhone, at('2026-03-02T19:30:00'), at('2026-03-03T08:00:00'));
		});
		afterAll(async () => conn?.drop());

		it('counts applications made offline and filed by agents, kept, folded, by month and rebuilt alike', async () => {
			const totals = async () => {
				const { applications, offline, byAgent } = (await volumeFigures(conn.db, catalog, MARCH))
					.totals;
				return { applications, offline, byAgent };
			};
			expect(await totals()).toEqual({ applications: 5, offline: 2, byAgent: 2 });
			await foldFigures(conn);
			expect(await totals()).toEqual({ applications: 5, offline: 2, byAgent: 2 });
			const month = await conn.db
				.selectFrom('monthly_figures')
				.select(['offline', 'by_agent', 'applications'])
				.where('month', '=', '2026-03-01')
				.where('point_id', '=', CENTRE)
				.execute();
			expect(
				month.map((r) => [Number(r.applications), Number(r.offline), Number(r.by_agent)])
			).toEqual([[5, 2, 2]]);
			await rebuildDailyFigures(conn);
			expect(await totals()).toEqual({ applications: 5, offline: 2, byAgent: 2 });
			// The town's figures by point: all five at its centre.
			expect((await volumeFigures(conn.db, catalog, MARCH)).places.rows).toMatchObject([
				{ applications: 5, offline: 2, byAgent: 2 }
			]);
		});
	});
}
