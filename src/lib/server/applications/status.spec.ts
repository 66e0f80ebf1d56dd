import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice, type Device } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { checkIn, processApplication } from '../counter/actions';
import { connect, type Connection } from '../db/connect';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { submitOp } from '../testing/applications';
import { clerkAt } from '../testing/clerk';
import { testDatabases } from '../testing/databases';

const pointId = 'jiangtuan-centre';
const clerk = clerkAt(pointId);
const none = { note: '', materials: [] };

for (const target of testDatabases()) {
	describe(`application states under races on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let phone: Device;
		let n = 0;
		/** Connections as two server processes would have them (SQLite: one per process). */
		const servers = (): Connection[] =>
			conn.kind === 'postgres'
				? [connect(conn.url, { poolSize: 10 }), connect(conn.url, { poolSize: 10 })]
				: [conn, conn];

		/** `count` applications of the phone at the point, as the server has them. */
		async function submitted(count: number): Promise<string[]> {
			const ops = Array.from({ length: count }, () => submitOp(catalog, { n: ++n, pointId }));
			const results = await applyOps(conn, phone, ops, catalog);
			expect(results.map((r) => r.status)).toEqual(Array(count).fill('applied'));
			return ops.map((o) => o.payload.applicationId);
		}
		const cancel = (c: Connection, applicationId: string) =>
			applyOps(
				c,
				phone,
				[
					{
						opId: randomUUID(),
						kind: 'booking.cancel',
						schemaVersion: 1,
						payload: { applicationId }
					}
				],
				catalog
			).then(([r]) => r!);

		/** Places counted in each slot of the point equal the bookings holding one. */
		async function expectPlacesMatchBookings() {
			const counted = await conn.db
				.selectFrom('slot_counts')
				.select(['slot_start', 'booked'])
				.where('point_id', '=', pointId)
				.execute();
			const held = await conn.db
				.selectFrom('bookings')
				.select(['slot_start'])
				.where('point_id', '=', pointId)
				.where('status', '=', 'booked')
				.execute();
			const heldBySlot: Record<string, number> = {};
			for (const b of held) heldBySlot[b.slot_start!] = (heldBySlot[b.slot_start!] ?? 0) + 1;
			for (const c of counted) expect(c.booked).toBe(heldBySlot[c.slot_start] ?? 0);
		}

		async function states(ids: string[]) {
			const rows = await conn.db
				.selectFrom('applications as a')
				.leftJoin('bookings as b', (j) =>
					j.onRef('b.application_id', '=', 'a.id').on('b.status', 'in', ['booked', 'needs_slot'])
				)
				.leftJoin('tickets as t', 't.application_id', 'a.id')
				.select(['a.id', 'a.status', 'a.checked_in_at', 'b.status as booking', 't.code as ticket'])
				.where('a.id', 'in', ids)
				.execute();
			return new Map(rows.map((r) => [r.id, r]));
		}

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			const { deviceId } = await registerDevice(conn.db);
			phone = { id: deviceId, userId: null };
		});
		afterAll(async () => conn?.drop());

		it('never loses a staff action to a resident’s cancel made at the same moment', async () => {
			const ids = await submitted(30);
			const [a, b] = servers();
			const outcomes = await Promise.all(
				ids.map(async (id) => {
					const [staff, resident] = await Promise.all([
						processApplication(a!, clerk, catalog, id, 'accept', none),
						cancel(b!, id)
					]);
					return { id, accepted: staff.ok, cancelled: resident.status === 'applied' };
				})
			);
			if (a !== conn) await Promise.all([a!.close(), b!.close()]);
			const now = await states(ids);
			for (const o of outcomes) {
				const app = now.get(o.id)!;
				expect([o.accepted, o.cancelled]).toContain(true);
				expect(o.accepted && o.cancelled).toBe(false);
				expect(app.status).toBe(o.accepted ? 'accepted' : 'cancelled');
				expect(app.booking).toEqual(o.accepted ? expect.any(String) : null);
			}
			await expectPlacesMatchBookings();
		});

		it('never both checks someone in and lets them cancel', async () => {
			const ids = await submitted(20);
			const [a, b] = servers();
			const outcomes = await Promise.all(
				ids.map(async (id) => {
					const [staff, resident] = await Promise.all([
						checkIn(a!, clerk, catalog, id),
						cancel(b!, id)
					]);
					return { id, checkedIn: staff.ok, cancelled: resident.status === 'applied' };
				})
			);
			if (a !== conn) await Promise.all([a!.close(), b!.close()]);
			const now = await states(ids);
			for (const o of outcomes) {
				const app = now.get(o.id)!;
				expect(o.checkedIn !== o.cancelled).toBe(true);
				expect(app.status).toBe(o.checkedIn ? 'submitted' : 'cancelled');
				expect(app.ticket ?? null).toEqual(o.checkedIn ? expect.any(String) : null);
			}
			await expectPlacesMatchBookings();
		});

		it('never checks in nor tickets a refused, cancelled or completed application', async () => {
			const [refused, cancelled, completed] = await submitted(3);
			expect((await processApplication(conn, clerk, catalog, refused!, 'refuse', none)).ok).toBe(
				true
			);
			expect((await cancel(conn, cancelled!)).status).toBe('applied');
			expect((await processApplication(conn, clerk, catalog, completed!, 'accept', none)).ok).toBe(
				true
			);
			expect(
				(await processApplication(conn, clerk, catalog, completed!, 'complete', none)).ok
			).toBe(true);
			for (const id of [refused!, cancelled!, completed!]) {
				expect(await checkIn(conn, clerk, catalog, id)).toMatchObject({
					ok: false,
					code: 'closed'
				});
			}
			const now = await states([refused!, cancelled!, completed!]);
			for (const app of now.values()) {
				expect(app.ticket ?? null).toBeNull();
				expect(app.checked_in_at).toBeNull();
			}
		});
	});
}
