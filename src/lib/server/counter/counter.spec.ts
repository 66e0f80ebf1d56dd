import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { claimDigest, encodeQr, newClaimKey } from '$lib/qr-payload';
import { registerDevice } from '../auth/devices';
import { hashPassword } from '../auth/password';
import type { SignedInUser } from '../auth/sessions';
import { currentCatalog } from '../catalog/cache';
import { writeTransaction } from '../db/transaction';
import { seedDemo } from '../seed/seed-demo';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { applyOps } from '../sync/apply-ops';
import { pullChanges } from '../sync/pull';
import { checkIn, checkInScanned, processApplication } from './actions';
import { applicationRecord } from './applications';
import { issueTicket } from './tickets';

for (const target of testDatabases()) {
	describe(`counter on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		const staff = (pointId: string): SignedInUser => ({
			id: `u-${pointId}`,
			username: `staff-${pointId}`,
			displayName: pointId,
			role: 'staff',
			pointId
		});
		const staffA = staff('chengxiang-centre');
		const staffB = staff('guliu-centre');

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			for (const u of [staffA, staffB]) {
				await conn.db
					.insertInto('users')
					.values({
						id: u.id,
						username: u.username,
						display_name: u.displayName,
						role: 'staff',
						point_id: u.pointId,
						password_hash: await hashPassword('right-password'),
						created_at: new Date().toISOString()
					})
					.execute();
			}
		});
		afterAll(async () => conn?.drop());

		it('numbers tickets per centre per day without gaps or repeats, however many at once', async () => {
			const issue = (pointId: string) =>
				writeTransaction(conn, (tx) =>
					issueTicket(conn, tx, { pointId, categoryId: 'welfare', prefix: 'B' })
				);
			const tickets = await Promise.all([
				...Array.from({ length: 20 }, () => issue('xinan-centre')),
				...Array.from({ length: 5 }, () => issue('fengcheng-centre'))
			]);
			const codes = (pointId: string) =>
				tickets
					.filter((_, i) => (i < 20 ? 'xinan-centre' : 'fengcheng-centre') === pointId)
					.map((t) => t.code)
					.sort();
			expect(codes('xinan-centre')).toEqual(
				Array.from({ length: 20 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`)
			);
			expect(codes('fengcheng-centre')).toEqual(['B001', 'B002', 'B003', 'B004', 'B005']);
		});

		it('takes in a never-synced application from its code; the phone’s sync is a duplicate', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 501 });
			const claimKey = newClaimKey();
			const code = await encodeQr({
				opId: op.opId,
				payload: op.payload,
				claim: await claimDigest(claimKey)
			});

			expect(await checkInScanned(conn, staffB, catalog, code)).toEqual({
				ok: false,
				code: 'other_centre'
			});
			const taken = await checkInScanned(conn, staffA, catalog, code);
			expect(taken).toMatchObject({
				ok: true,
				takenIn: true,
				ticket: expect.stringMatching(/^A\d{3}$/)
			});
			// Scanning again only shows the same ticket.
			expect(await checkInScanned(conn, staffA, catalog, code)).toMatchObject({
				ok: true,
				takenIn: false,
				ticket: (taken as { ticket: string }).ticket
			});

			// Whoever read the code can send its op, but only the phone holding the key claims it.
			const stranger = await registerDevice(conn.db);
			const stolen = { ...op, claimKey: newClaimKey() };
			for (const attempt of [op, stolen]) {
				const [refused] = await applyOps(
					conn,
					{ id: stranger.deviceId, userId: null },
					[attempt],
					catalog
				);
				expect(refused).toMatchObject({ status: 'rejected', reply: { code: 'op_id_reused' } });
			}

			const [result] = await applyOps(
				conn,
				{ id: phone.deviceId, userId: null },
				[{ ...op, claimKey }],
				catalog
			);
			expect(result).toMatchObject({
				status: 'duplicate',
				reply: { applicationId: op.payload.applicationId }
			});
			const apps = await conn.db
				.selectFrom('applications')
				.select(['device_id', 'checked_in_at'])
				.where('id', '=', op.payload.applicationId)
				.execute();
			expect(apps).toHaveLength(1);
			expect(apps[0]!.device_id).toBe(phone.deviceId);
			expect(apps[0]!.checked_in_at).not.toBeNull();
			const pulled = await pullChanges(conn.db, phone.deviceId, 0);
			expect(pulled.changes.map((c) => c.applicationId)).toEqual([op.payload.applicationId]);
			// A different device sending the same op is still refused.
			const other = await registerDevice(conn.db);
			const [reuse] = await applyOps(conn, { id: other.deviceId, userId: null }, [op], catalog);
			expect(reuse!.status).toBe('rejected');
		});

		it('moves an application through its steps, logs each, and tells the phone', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 502 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			const none = { note: '', materials: [] };

			expect(await processApplication(conn, staffB, catalog, id, 'accept', none)).toMatchObject({
				ok: false,
				code: 'other_centre'
			});
			expect(await processApplication(conn, staffA, catalog, id, 'complete', none)).toMatchObject({
				ok: false,
				code: 'closed'
			});
			expect((await processApplication(conn, staffA, catalog, id, 'accept', none)).ok).toBe(true);
			const { cursor } = await pullChanges(conn.db, phone.deviceId, 0);
			expect(
				(
					await processApplication(conn, staffA, catalog, id, 'request_materials', {
						note: '请补充照片',
						materials: ['operator-id']
					})
				).ok
			).toBe(true);
			const after = await pullChanges(conn.db, phone.deviceId, cursor);
			expect(after.changes).toEqual([
				expect.objectContaining({
					applicationId: id,
					status: 'more_materials',
					note: '请补充照片',
					requestedMaterials: ['operator-id']
				})
			]);
			expect((await processApplication(conn, staffA, catalog, id, 'complete', none)).ok).toBe(true);
			expect(await checkIn(conn, staffB, catalog, id)).toMatchObject({ code: 'other_centre' });

			const log = await conn.db
				.selectFrom('audit_log')
				.select(['action', 'username', 'before', 'after'])
				.where('application_id', '=', id)
				.orderBy('at')
				.execute();
			expect(log.map((e) => e.action)).toEqual(['accept', 'request_materials', 'complete']);
			expect(log.every((e) => e.username === staffA.username)).toBe(true);
			expect(JSON.parse(log[1]!.before)).toMatchObject({ status: 'accepted' });
			expect(JSON.parse(log[1]!.after)).toMatchObject({
				status: 'more_materials',
				requestedMaterials: ['operator-id']
			});
		});

		it('asks only for materials of the application’s matters, and logs those marked received', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 503 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			// None of these is a material of this matter: nothing to ask for.
			expect(
				await processApplication(conn, staffA, catalog, id, 'request_materials', {
					note: '',
					materials: ['id-card', 'nonsense']
				})
			).toMatchObject({ ok: false, code: 'rejected' });
			expect(
				(
					await processApplication(conn, staffA, catalog, id, 'request_materials', {
						note: '身份证看不清',
						materials: ['operator-id', 'nonsense'],
						received: ['application', 'made-up']
					})
				).ok
			).toBe(true);
			const app = await conn.db
				.selectFrom('applications')
				.select('requested_materials')
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(app.requested_materials)).toEqual(['operator-id']);
			const logged = await conn.db
				.selectFrom('audit_log')
				.select('after')
				.where('application_id', '=', id)
				.where('action', '=', 'request_materials')
				.executeTakeFirstOrThrow();
			expect(JSON.parse(logged.after)).toMatchObject({
				requestedMaterials: ['operator-id'],
				receivedMaterials: ['application']
			});
		});

		it('the record says who submitted it: the resident’s phone, an agent, or a counter from the code', async () => {
			const record = async (id: string) => (await applicationRecord(conn.db, id))!;

			const phone = await registerDevice(conn.db);
			const own = submitOp(catalog, { n: 504 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [own], catalog);
			expect((await record(own.payload.applicationId)).submittedBy).toEqual({
				agent: null,
				takenIn: null,
				synced: true
			});

			const agentId = 'u-agent-record';
			await conn.db
				.insertInto('users')
				.values({
					id: agentId,
					username: 'agent-record',
					display_name: '王代办（测试村）',
					role: 'agent',
					point_id: 'tuanwang-proxy-6',
					password_hash: await hashPassword('right-password'),
					created_at: new Date().toISOString()
				})
				.execute();
			const agentDevice = await registerDevice(conn.db, agentId);
			const filed = submitOp(catalog, { n: 505 });
			await applyOps(conn, { id: agentDevice.deviceId, userId: agentId }, [filed], catalog);
			expect((await record(filed.payload.applicationId)).submittedBy).toEqual({
				agent: '王代办（测试村）',
				takenIn: null,
				synced: true
			});

			// The agent's phone never synced it; a counter takes it in from the code, then it syncs.
			const offline = submitOp(catalog, { n: 506 });
			const claimKey = newClaimKey();
			const code = await encodeQr({
				opId: offline.opId,
				payload: offline.payload,
				claim: await claimDigest(claimKey)
			});
			const at = new Date('2026-03-02T01:05:00Z');
			expect((await checkInScanned(conn, staffA, catalog, code, at)).ok).toBe(true);
			const takenIn = { at: at.toISOString(), by: staffA.displayName };
			expect((await record(offline.payload.applicationId)).submittedBy).toEqual({
				agent: null,
				takenIn,
				synced: false
			});
			await applyOps(
				conn,
				{ id: agentDevice.deviceId, userId: agentId },
				[{ ...offline, claimKey }],
				catalog
			);
			expect((await record(offline.payload.applicationId)).submittedBy).toEqual({
				agent: '王代办（测试村）',
				takenIn,
				synced: true
			});
		});

		it('the record carries the timeline of steps and who did each logged change', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 507 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			await checkIn(conn, staffA, catalog, id, new Date('2026-03-02T01:00:00Z'));
			await processApplication(
				conn,
				staffA,
				catalog,
				id,
				'accept',
				{ note: '', materials: [] },
				new Date('2026-03-02T01:10:00Z')
			);
			const r = (await applicationRecord(conn.db, id))!;
			expect(r.timeline.map((e) => e.step)).toEqual(['submitted', 'check_in', 'accept']);
			expect(r.timeline[2]).toMatchObject({ at: '2026-03-02T01:10:00.000Z' });
			expect(r.history.map((h) => [h.action, h.by])).toEqual([
				['check_in', staffA.displayName],
				['accept', staffA.displayName]
			]);
		});

		it('refuses unknown references and codes', async () => {
			expect(await checkInScanned(conn, staffA, catalog, 'LY-NOTHING0')).toEqual({
				ok: false,
				code: 'not_found'
			});
			expect(await checkInScanned(conn, staffA, catalog, `OW1.${randomUUID()}`)).toEqual({
				ok: false,
				code: 'not_found'
			});
		});
	});
}
