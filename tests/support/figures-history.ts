// Arranges the figures browser test's data on its server's database, through the app's own data
// layer: a town administrator of 古柳 and a few applications in the week of 2 March 2026 (two
// at 城厢, one at 古柳), completed by the demo clerks of those centres and rated 1, 5 and 2 stars.
// Prints the references as JSON.
// Usage: npx tsx tests/support/figures-history.ts <sqlite file>
import { randomUUID } from 'node:crypto';
import { slotTimes } from '../../src/lib/catalog/slots';
import { hashPassword } from '../../src/lib/server/auth/password';
import { registerDevice } from '../../src/lib/server/auth/devices';
import type { SignedInUser } from '../../src/lib/server/auth/sessions';
import { currentCatalog } from '../../src/lib/server/catalog/cache';
import { checkIn, processApplication } from '../../src/lib/server/counter/actions';
import { connect } from '../../src/lib/server/db/connect';
import { applyOps } from '../../src/lib/server/sync/apply-ops';
import { submitOp } from '../../src/lib/server/testing/applications';

const conn = connect(process.argv[2] ?? 'test-results/e2e-db/e2e.db');
const at = (local: string) => new Date(`${local}+08:00`);
const catalog = (await currentCatalog(conn.db)).snapshot;
const device = { id: (await registerDevice(conn.db)).deviceId, userId: null };
const clerks = new Map<string, SignedInUser>();
for (const u of await conn.db
	.selectFrom('users')
	.select(['id', 'username', 'display_name', 'point_id'])
	.where('username', 'in', ['staff-chengxiang', 'staff-guliu'])
	.execute()) {
	clerks.set(u.point_id!, {
		id: u.id,
		username: u.username,
		displayName: u.display_name,
		role: 'staff',
		pointId: u.point_id
	});
}
const clerk = (pointId: string) => clerks.get(pointId)!;

await conn.db
	.insertInto('users')
	.values({
		id: randomUUID(),
		username: 'town-admin-guliu',
		display_name: '古柳街道管理员',
		role: 'town_admin',
		point_id: 'guliu-centre',
		password_hash: await hashPassword('demo-town-2026'),
		created_at: new Date().toISOString()
	})
	.onConflict((oc) => oc.column('username').doNothing())
	.execute();

// Fixed ids: run again (a retried test), it finds what it made and makes nothing twice.
const HISTORY = [
	['c1', 'chengxiang-centre', 1, '0f1a0000-0000-4000-8000-000000000001'],
	['c2', 'chengxiang-centre', 5, '0f1a0000-0000-4000-8000-000000000002'],
	['g1', 'guliu-centre', 2, '0f1a0000-0000-4000-8000-000000000003']
] as const;
const references: Record<string, string> = {};
let n = 900_000 + Math.floor(Math.random() * 90_000);
for (const [name, pointId, stars, id] of HISTORY) {
	const made = await conn.db
		.selectFrom('applications')
		.select('reference')
		.where('id', '=', id)
		.executeTakeFirst();
	if (made) {
		references[name] = made.reference;
		continue;
	}
	const submitted = at('2026-03-02T09:00:00');
	const point = catalog.points.find((p) => p.id === pointId)!;
	const rule = point.services.find((s) => s.matterId === 'individual-business-registration')!;
	const slots = slotTimes(point, rule, catalog.calendar, '2026-03-02', 5, submitted)
		.slice(0, 1)
		.map((s) => s.start);
	const op = submitOp(catalog, { n: n++, pointId, slots });
	op.payload.applicationId = id;
	const [r] = await applyOps(conn, device, [op], catalog, () => submitted);
	references[name] = (r!.reply as { reference: string }).reference;
	await checkIn(conn, clerk(pointId), catalog, id, at('2026-03-03T09:30:00'));
	for (const [action, time] of [
		['accept', '2026-03-03T09:40:00'],
		['complete', '2026-03-03T15:00:00']
	] as const) {
		await processApplication(
			conn,
			clerk(pointId),
			catalog,
			id,
			action,
			{ note: '', materials: [] },
			at(time)
		);
	}
	await applyOps(
		conn,
		device,
		[
			{
				opId: randomUUID(),
				kind: 'rating.submit',
				schemaVersion: 1,
				payload: { applicationId: id, stars, comment: stars <= 2 ? '等了很久' : '' }
			}
		],
		catalog,
		() => at('2026-03-04T10:00:00')
	);
}
await conn.close();
console.log(JSON.stringify(references));
