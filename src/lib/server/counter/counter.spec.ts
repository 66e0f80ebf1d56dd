import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { claimDigest, encodeQr, newClaimKey } from '$lib/qr-payload';
import { registerDevice } from '../auth/devices';
import type { SignedInUser } from '../auth/sessions';
import { currentCatalog } from '../catalog/cache';
import { writeTransaction } from '../db/transaction';
import { seedDemo } from '../seed/seed-demo';
import { nextSlots, submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { applyOps } from '../sync/apply-ops';
import { pullChanges } from '../sync/pull';
import { checkIn, checkInScanned, processApplication } from './actions';
import { applicationRecord, todaysList } from './applications';
import { dayFigures } from './day-figures';
import { sweepMissedBookings } from '../figures/missed';
import {
	callNext,
	changeTicket,
	displayState,
	issueTicket,
	ticketOf,
	type Ticket
} from './tickets';

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
		const staffM = staff('muyudian-centre');

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			for (const u of [staffA, staffB, staffM]) await addTestUser(conn.db, u);
		});
		afterAll(async () => conn?.drop());

		/** A moment given in Beijing time, `2025-06-10T08:30:00`. */
		const beijingTime = (time: string) => new Date(`${time}+08:00`);
		/** A walk-in ticket of the welfare category at `point`, taken at `time` in Beijing. */
		const walkInAt = (point: string, time: string) =>
			writeTransaction(conn, (tx) =>
				issueTicket(
					conn,
					tx,
					{ pointId: point, categoryId: 'welfare', prefix: 'B' },
					beijingTime(time)
				)
			);

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

		it('numbers each letter from 1, however the categories come: the hall can tell how many are ahead', async () => {
			const issue = (categoryId: string, prefix: string) =>
				writeTransaction(conn, (tx) =>
					issueTicket(conn, tx, { pointId: 'dongcheng-centre', categoryId, prefix })
				);
			const codes: string[] = [];
			for (const [categoryId, prefix] of [
				['market', 'A'],
				['welfare', 'B'],
				['welfare', 'B'],
				['market', 'A'],
				['employment', 'C'],
				['welfare', 'B']
			] as const)
				codes.push((await issue(categoryId, prefix)).code);
			expect(codes).toEqual(['A001', 'B001', 'B002', 'A002', 'C001', 'B003']);
			// At the same time, each letter still without gaps or repeats.
			const racing = await Promise.all(
				Array.from({ length: 12 }, (_, i) => issue(i % 2 ? 'welfare' : 'market', i % 2 ? 'B' : 'A'))
			);
			expect(racing.map((t) => t.code).sort()).toEqual([
				...['A003', 'A004', 'A005', 'A006', 'A007', 'A008'],
				...['B004', 'B005', 'B006', 'B007', 'B008', 'B009']
			]);
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

			// A code read in part (a crease, a glare) is said to be one, not an unknown reference.
			expect(await checkInScanned(conn, staffA, catalog, code.slice(0, -12))).toEqual({
				ok: false,
				code: 'unreadable'
			});
			// Another centre's code: which centre, to send the resident there.
			expect(await checkInScanned(conn, staffB, catalog, code)).toEqual({
				ok: false,
				code: 'other_centre',
				pointId: 'chengxiang-centre'
			});
			const taken = await checkInScanned(conn, staffA, catalog, code);
			expect(taken).toMatchObject({
				ok: true,
				takenIn: true,
				ticket: expect.stringMatching(/^A\d{3}$/)
			});
			// Scanning again only shows the same ticket, and when it was given.
			expect(await checkInScanned(conn, staffA, catalog, code)).toMatchObject({
				ok: true,
				takenIn: false,
				ticket: (taken as { ticket: string }).ticket,
				earlier: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
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
			expect(await checkIn(conn, staffB, catalog, id)).toMatchObject({
				code: 'other_centre',
				pointId: 'chengxiang-centre'
			});

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

		it('makes no step on a record changed since the clerk opened it', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 508 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			// Two clerks open the record; one accepts it.
			const opened = (await applicationRecord(conn.db, id))!.seen;
			const accepted = await processApplication(conn, staffA, catalog, id, 'accept', {
				note: '',
				materials: [],
				seen: opened
			});
			expect(accepted.ok).toBe(true);
			// The other, from the page as it was, asks for more materials: not made, and said why.
			expect(
				await processApplication(conn, staffA, catalog, id, 'request_materials', {
					note: '',
					materials: ['operator-id'],
					seen: opened
				})
			).toMatchObject({ ok: false, code: 'changed', status: 'accepted' });
			const app = await conn.db
				.selectFrom('applications')
				.select(['status', 'requested_materials'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(app).toEqual({ status: 'accepted', requested_materials: '[]' });
			// From the record as it is now, the step is made.
			const now = (await applicationRecord(conn.db, id))!.seen;
			expect(now).not.toBe(opened);
			expect(
				(
					await processApplication(conn, staffA, catalog, id, 'request_materials', {
						note: '',
						materials: ['operator-id'],
						seen: now
					})
				).ok
			).toBe(true);
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
			// Opened again, the record keeps the clerk's marks, and its log says what was asked for.
			const record = (await applicationRecord(conn.db, id))!;
			expect(record.receivedMaterials).toEqual(['application']);
			expect(record.history.at(-1)).toMatchObject({
				action: 'request_materials',
				asked: ['operator-id'],
				received: ['application']
			});
		});

		it('will not complete, nor accept unless told the rest is to follow, while a material is marked missing', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 541 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			const status = async () => (await applicationRecord(conn.db, id))!.status;
			// What the resident's phone is told it still owes.
			const owed = async () =>
				(await pullChanges(conn.db, phone.deviceId, 0)).changes.find((c) => c.applicationId === id)!
					.requestedMaterials;
			const missing = {
				note: '',
				materials: ['operator-id', 'nonsense'],
				received: ['application']
			};

			expect(await processApplication(conn, staffA, catalog, id, 'accept', missing)).toMatchObject({
				ok: false,
				code: 'missing_marked',
				materials: ['operator-id']
			});
			expect(await status()).toBe('submitted');
			// Accepted with the material to follow (容缺受理), once the clerk says so: logged.
			const toFollow = { ...missing, toFollow: true };
			expect((await processApplication(conn, staffA, catalog, id, 'accept', toFollow)).ok).toBe(
				true
			);
			const accepted = (await applicationRecord(conn.db, id))!;
			expect(accepted.history.at(-1)).toMatchObject({
				action: 'accept',
				received: ['application'],
				toFollow: ['operator-id']
			});
			// Opened again, the checklist marks it missing until it comes; the phone names it.
			expect(accepted.materialsToFollow).toEqual(['operator-id']);
			expect(await owed()).toEqual(['operator-id']);
			expect(
				(await processApplication(conn, staffA, catalog, id, 'request_materials', missing)).ok
			).toBe(true);
			// Completing waits for every material, whatever the clerk says.
			for (const details of [missing, { ...missing, toFollow: true }]) {
				expect(
					await processApplication(conn, staffA, catalog, id, 'complete', details)
				).toMatchObject({ ok: false, code: 'missing_marked', materials: ['operator-id'] });
			}
			expect(await status()).toBe('more_materials');
			// Only a material of the matter counts as marked.
			const brought = {
				note: '',
				materials: ['nonsense'],
				received: ['application', 'operator-id']
			};
			expect((await processApplication(conn, staffA, catalog, id, 'complete', brought)).ok).toBe(
				true
			);
			expect(await status()).toBe('completed');
			expect(await owed()).toEqual([]);
		});

		it('completes only what it has accepted: asked for materials first, it is accepted before it is completed', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 543 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const id = op.payload.applicationId;
			const asked = { note: '', materials: ['operator-id'] };
			const none = { note: '', materials: [] };
			expect(
				(await processApplication(conn, staffA, catalog, id, 'request_materials', asked)).ok
			).toBe(true);
			expect(await processApplication(conn, staffA, catalog, id, 'complete', none)).toMatchObject({
				ok: false,
				code: 'not_accepted'
			});
			expect((await applicationRecord(conn.db, id))!.status).toBe('more_materials');
			expect((await processApplication(conn, staffA, catalog, id, 'accept', none)).ok).toBe(true);
			expect((await processApplication(conn, staffA, catalog, id, 'complete', none)).ok).toBe(true);
			expect((await applicationRecord(conn.db, id))!.history.map((h) => h.action)).toEqual([
				'request_materials',
				'accept',
				'complete'
			]);
		});

		it('refuses with materials marked missing: refusing needs no material', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 542 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			const refusal = { note: '不符合条件', materials: ['operator-id'] };
			const refused = await processApplication(
				conn,
				staffA,
				catalog,
				op.payload.applicationId,
				'refuse',
				refusal
			);
			expect(refused.ok).toBe(true);
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
			await addTestUser(conn.db, {
				id: agentId,
				username: 'agent-record',
				displayName: '王代办（测试村）',
				role: 'agent',
				pointId: 'tuanwang-proxy-6'
			});
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

		/** Applications submitted from one phone to Muyudian's centre, by id. */
		const submitToMuyudian = async (...ns: number[]) => {
			const phone = await registerDevice(conn.db);
			const ops = ns.map((n) => submitOp(catalog, { n, pointId: 'muyudian-centre' }));
			await applyOps(conn, { id: phone.deviceId, userId: null }, ops, catalog);
			return { phone, ids: ops.map((op) => op.payload.applicationId) };
		};
		/** The resident cancels from the phone, before being checked in. */
		const cancelFrom = async (phone: { deviceId: string }, applicationId: string) => {
			const op = {
				opId: randomUUID(),
				kind: 'booking.cancel',
				schemaVersion: 1,
				payload: { applicationId }
			};
			const [cancel] = await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			expect(cancel!.status).toBe('applied');
		};
		const ticketStatus = async (applicationId: string) =>
			(
				await conn.db
					.selectFrom('tickets')
					.select('status')
					.where('application_id', '=', applicationId)
					.executeTakeFirstOrThrow()
			).status;
		const none = { note: '', materials: [] };

		it('ends a ticket when its application is completed or refused, called or still waiting', async () => {
			const {
				ids: [served, refused]
			} = await submitToMuyudian(511, 512);
			for (const id of [served!, refused!]) {
				expect((await checkIn(conn, staffM, catalog, id)).ok).toBe(true);
			}
			const called = await writeTransaction(conn, (tx) => callNext(conn, tx, 'muyudian-centre', 2));
			expect(called?.applicationId).toBe(served);

			expect((await processApplication(conn, staffM, catalog, served!, 'accept', none)).ok).toBe(
				true
			);
			// Accepting is not the end of the visit.
			expect(await ticketStatus(served!)).toBe('called');
			expect((await processApplication(conn, staffM, catalog, served!, 'complete', none)).ok).toBe(
				true
			);
			expect(await ticketStatus(served!)).toBe('done');

			expect(await ticketStatus(refused!)).toBe('waiting');
			const refusal = { note: '不属于本中心办理范围', materials: [] };
			expect(
				(await processApplication(conn, staffM, catalog, refused!, 'refuse', refusal)).ok
			).toBe(true);
			expect(await ticketStatus(refused!)).toBe('done');
			// Nobody is left to call.
			expect(
				await writeTransaction(conn, (tx) => callNext(conn, tx, 'muyudian-centre', 2))
			).toBeNull();
		});

		it('once it refuses or completes an application, its person may apply again, and a place still ahead is free', async () => {
			const phone = await registerDevice(conn.db);
			const device = { id: phone.deviceId, userId: null };
			const booked = async (slot: string) =>
				(
					await conn.db
						.selectFrom('slot_counts')
						.select('booked')
						.where('point_id', '=', 'chengxiang-centre')
						.where('matter_id', '=', 'individual-business-registration')
						.where('slot_start', '=', slot)
						.executeTakeFirstOrThrow()
				).booked;
			const cases = [
				[561, ['refuse']],
				[562, ['accept', 'complete']]
			] as const;
			for (const [n, steps] of cases) {
				const first = submitOp(catalog, { n });
				const [sent] = await applyOps(conn, device, [first], catalog);
				const slot = (sent!.reply as { booking: { slotStart: string } }).booking.slotStart;
				const before = Number(await booked(slot));
				for (const step of steps) {
					const note = { note: '请重新申请', materials: [] };
					const done = await processApplication(
						conn,
						staffA,
						catalog,
						first.payload.applicationId,
						step,
						note
					);
					expect(done.ok).toBe(true);
				}
				expect(Number(await booked(slot))).toBe(before - 1);
				// Its record still says when it was booked for.
				const record = await applicationRecord(conn.db, first.payload.applicationId);
				expect(record?.booking?.slotStart).toBe(slot);
				const [again] = await applyOps(conn, device, [submitOp(catalog, { n })], catalog);
				expect(again).toMatchObject({
					status: 'applied',
					reply: { booking: { status: 'booked' } }
				});
			}
		});

		it('once its day has passed with nobody checked in, a booking no longer holds its person', async () => {
			const phone = await registerDevice(conn.db);
			const device = { id: phone.deviceId, userId: null };
			const first = submitOp(catalog, { n: 563 });
			const [sent] = await applyOps(conn, device, [first], catalog);
			const slot = (sent!.reply as { booking: { slotStart: string } }).booking.slotStart;
			const dayAfter = new Date(Date.parse(slot) + 24 * 3_600_000);
			const { cursor } = await pullChanges(conn.db, phone.deviceId, 0);
			expect(await sweepMissedBookings(conn, dayAfter)).toBeGreaterThanOrEqual(1);
			// The phone learns that the visit was missed and that the application wants a new time.
			const { changes } = await pullChanges(conn.db, phone.deviceId, cursor);
			expect(changes).toMatchObject([
				{
					applicationId: first.payload.applicationId,
					status: 'submitted',
					booking: { status: 'needs_slot', slotStart: null, missedSlot: slot }
				}
			]);
			const [again] = await applyOps(
				conn,
				device,
				[submitOp(catalog, { n: 563 })],
				catalog,
				() => dayAfter
			);
			expect(again).toMatchObject({ status: 'applied' });
		});

		it('tells the phone of a check-in, and a checked-in application is then neither cancelled nor moved, saying why', async () => {
			const phone = await registerDevice(conn.db);
			const device = { id: phone.deviceId, userId: null };
			const op = submitOp(catalog, { n: 571 });
			await applyOps(conn, device, [op], catalog);
			const id = op.payload.applicationId;
			const { cursor } = await pullChanges(conn.db, phone.deviceId, 0);
			const checked = await checkIn(conn, staffA, catalog, id);
			expect(checked.ok).toBe(true);
			const { changes } = await pullChanges(conn.db, phone.deviceId, cursor);
			expect(changes).toHaveLength(1);
			expect(changes[0]!.timeline.map((s) => s.step)).toEqual(['submitted', 'check_in']);
			// The number to wait for on the hall display, for the phone to show.
			expect(changes[0]!.timeline[1]!.note).toBe(checked.ok ? checked.ticket : null);
			expect(changes[0]!.timeline[1]!.note).toMatch(/^[A-Z]\d{3}$/);

			const change = (kind: 'booking.cancel' | 'booking.move') => ({
				opId: randomUUID(),
				kind,
				schemaVersion: 1,
				payload: {
					applicationId: id,
					...(kind === 'booking.move'
						? { slots: nextSlots(catalog, 'chengxiang-centre', op.payload.matterId).slice(-1) }
						: {})
				}
			});
			const [cancel, move] = await applyOps(
				conn,
				device,
				[change('booking.cancel'), change('booking.move')],
				catalog
			);
			for (const result of [cancel, move]) {
				expect(result).toMatchObject({
					status: 'conflict',
					reply: { code: 'checked_in', message: '已在窗口签到，不能再取消或改约' }
				});
			}
		});

		it('gives no ticket to a refused, cancelled or completed application', async () => {
			const {
				phone,
				ids: [refused, cancelled, completed]
			} = await submitToMuyudian(521, 522, 523);
			await processApplication(conn, staffM, catalog, refused!, 'refuse', {
				note: '材料不全',
				materials: []
			});
			await cancelFrom(phone, cancelled!);
			await processApplication(conn, staffM, catalog, completed!, 'accept', none);
			await processApplication(conn, staffM, catalog, completed!, 'complete', none);

			// Each refusal names the state the application is in, for the clerk to tell the person.
			const states = { refused: refused!, cancelled: cancelled!, completed: completed! };
			for (const [status, id] of Object.entries(states)) {
				expect(await checkIn(conn, staffM, catalog, id)).toEqual({
					ok: false,
					code: 'closed',
					status
				});
			}
			const tickets = await conn.db
				.selectFrom('tickets')
				.select('id')
				.where('application_id', 'in', [refused!, cancelled!, completed!])
				.execute();
			expect(tickets).toEqual([]);
		});

		it('keeps a finished or refused booking of the day in its place in the list, with its time', async () => {
			const {
				phone,
				ids: [served, refused, cancelled, waiting]
			} = await submitToMuyudian(541, 542, 543, 544);
			const slots = await conn.db
				.selectFrom('bookings')
				.select(['application_id', 'slot_start'])
				.where('application_id', 'in', [served!, refused!, cancelled!, waiting!])
				.execute();
			const slotOf = (id: string) => slots.find((b) => b.application_id === id)!.slot_start!;
			const day = slotOf(served!);
			expect(slots.every((b) => b.slot_start!.slice(0, 10) === day.slice(0, 10))).toBe(true);
			const at = new Date(Date.parse(day) - 3_600_000);
			expect((await checkIn(conn, staffM, catalog, served!, at)).ok).toBe(true);
			await processApplication(conn, staffM, catalog, served!, 'accept', none);
			await processApplication(conn, staffM, catalog, served!, 'complete', none);
			await processApplication(conn, staffM, catalog, refused!, 'refuse', {
				note: '不符合条件',
				materials: []
			});
			await cancelFrom(phone, cancelled!);

			const mine = new Set<string>([served!, refused!, cancelled!, waiting!]);
			const listed = (await todaysList(conn.db, 'muyudian-centre', at)).filter((a) =>
				mine.has(a.id)
			);
			// Cancelled by the resident, nobody is coming: not on the day's list.
			expect(listed.map((a) => [a.id, a.status, a.slotStart])).toEqual(
				[
					[served, 'completed', slotOf(served!)],
					[refused, 'refused', slotOf(refused!)],
					[waiting, 'submitted', slotOf(waiting!)]
				].sort((a, b) => a[2]!.localeCompare(b[2]!))
			);
		});

		it('lists whoever checked in on the Beijing day, early morning and late evening alike', async () => {
			const {
				ids: [early, late]
			} = await submitToMuyudian(531, 532);
			// 07:45 in Beijing is still the day before in UTC; 00:30 the next morning is not.
			await checkIn(conn, staffM, catalog, early!, new Date('2025-03-11T07:45:00+08:00'));
			await checkIn(conn, staffM, catalog, late!, new Date('2025-03-12T00:30:00+08:00'));
			const listed = async (at: string) =>
				(await todaysList(conn.db, 'muyudian-centre', new Date(at))).map((a) => a.id);
			expect(await listed('2025-03-11T10:00:00+08:00')).toEqual([early]);
			expect(await listed('2025-03-12T10:00:00+08:00')).toEqual([late]);
		});

		it('a call finishes only the ticket its clerk was serving, and only when it calls somebody', async () => {
			const point = 'guliu-centre';
			const issue = (time: string) => walkInAt(point, time);
			const next = (time: string, serving: Ticket | null) =>
				writeTransaction(conn, (tx) =>
					callNext(conn, tx, point, 1, beijingTime(time), serving?.id ?? null)
				);
			const status = async (t: Ticket) => (await ticketOf(conn.db, t.id))?.status;
			const a = await issue('2025-06-11T08:30:00');
			const b = await issue('2025-06-11T08:31:00');
			// Two clerks who both chose counter 1: the second's call leaves the first's person be.
			expect((await next('2025-06-11T08:40:00', null))?.id).toBe(a.id);
			expect((await next('2025-06-11T08:41:00', null))?.id).toBe(b.id);
			expect(await status(a)).toBe('called');
			// Nobody waits: the person at the counter is still being served.
			expect(await next('2025-06-11T08:50:00', a)).toBeNull();
			expect(await status(a)).toBe('called');
			const c = await issue('2025-06-11T08:55:00');
			expect((await next('2025-06-11T09:00:00', a))?.id).toBe(c.id);
			expect(await status(a)).toBe('done');
			expect(await status(b)).toBe('called');
		});

		it('the hall display calls nobody again when the latest call is sent on to another counter', async () => {
			const point = 'guliu-centre';
			const issue = (time: string) => walkInAt(point, time);
			const a = await issue('2025-06-12T08:30:00');
			const b = await issue('2025-06-12T08:31:00');
			await writeTransaction(conn, (tx) =>
				callNext(conn, tx, point, 2, beijingTime('2025-06-12T08:40:00'))
			);
			await writeTransaction(conn, (tx) =>
				callNext(conn, tx, point, 2, beijingTime('2025-06-12T08:50:00'), a.id)
			);
			expect(
				(await displayState(conn.db, point, beijingTime('2025-06-12T08:51:00'))).current?.id
			).toBe(b.id);
			await writeTransaction(conn, (tx) =>
				changeTicket(tx, b.id, 'transfer', 3, beijingTime('2025-06-12T08:52:00'))
			);
			const board = await displayState(conn.db, point, beijingTime('2025-06-12T08:53:00'));
			// a, finished, is not called to counter 2 again; b waits for counter 3.
			expect(board.current).toBeNull();
			expect(board.recent.map((r) => r.code)).toEqual([a.code]);
		});

		it('counts the day of a centre and of a counter: arrivals, queue, service and waits', async () => {
			const point = 'tuanwang-centre';
			const issue = (time: string) => walkInAt(point, time);
			const next = (counter: number, time: string, serving?: Ticket) =>
				writeTransaction(conn, (tx) =>
					callNext(conn, tx, point, counter, beijingTime(time), serving?.id ?? null)
				);
			const change = (t: Ticket, action: 'recall' | 'no_show' | 'done', time: string) =>
				writeTransaction(conn, (tx) => changeTicket(tx, t.id, action, null, beijingTime(time)));
			const figures = (counter: number, time: string) =>
				writeTransaction(conn, (tx) => dayFigures(tx, point, counter, beijingTime(time)));

			// The evening before, at 23:50 in Beijing: another day.
			await issue('2025-06-09T23:50:00');
			const a = await issue('2025-06-10T08:30:00');
			const b = await issue('2025-06-10T08:40:00');
			const c = await issue('2025-06-10T08:45:00');
			const d = await issue('2025-06-10T09:00:00');
			await issue('2025-06-10T09:10:00');
			expect((await next(1, '2025-06-10T08:50:00'))?.id).toBe(a.id); // waited 20 min
			expect((await next(2, '2025-06-10T08:55:00'))?.id).toBe(b.id); // 15
			expect(await change(a, 'recall', '2025-06-10T09:05:00')).toBe(true);
			expect((await next(1, '2025-06-10T09:20:00', a))?.id).toBe(c.id); // 35; a is done
			expect(await change(c, 'no_show', '2025-06-10T09:25:00')).toBe(true);
			// The hall's screen calls nobody to a counter for a ticket that did not come: it is
			// listed among the calls as missed.
			const board = await displayState(conn.db, point, beijingTime('2025-06-10T09:26:00'));
			expect(board.current).toBeNull();
			expect(board.recent.map((r) => [r.code, r.noShow])).toEqual([
				[c.code, true],
				[a.code, false],
				[b.code, false]
			]);
			// Sent on to counter 1, b waits for it: counter 2 calls d.
			expect(
				await writeTransaction(conn, (tx) =>
					changeTicket(tx, b.id, 'transfer', 1, beijingTime('2025-06-10T09:30:00'))
				)
			).toBe(true);
			expect((await next(2, '2025-06-10T09:35:00'))?.id).toBe(d.id); // 35
			expect(await figures(1, '2025-06-10T09:38:00')).toMatchObject({
				centre: { arrived: 5, waiting: 2, served: 1, noShows: 1 }
			});
			expect((await next(1, '2025-06-10T09:40:00'))?.id).toBe(b.id);
			// A finished ticket is not called back.
			expect(await change(a, 'recall', '2025-06-10T09:41:00')).toBe(false);

			expect(await figures(1, '2025-06-10T09:45:00')).toEqual({
				at: beijingTime('2025-06-10T09:45:00').toISOString(),
				centre: {
					arrived: 5,
					waiting: 1,
					served: 1,
					noShows: 1,
					// The first call ends a wait: (20 + 15 + 35 + 35) / 4, whatever was recalled or moved.
					averageWait: 26,
					longestWaitSince: beijingTime('2025-06-10T09:10:00').toISOString(),
					longestWait: 35
				},
				// a (20 min), c (35) and b, moved here (15).
				counter: { n: 1, served: 1, noShows: 1, averageWait: 23 }
			});
			expect((await figures(2, '2025-06-10T09:45:00')).counter).toEqual({
				n: 2,
				served: 0,
				noShows: 0,
				averageWait: 35
			});
			expect((await ticketOf(conn.db, a.id))?.called_at).toBe(
				beijingTime('2025-06-10T09:05:00').toISOString()
			);

			// 07:30 in Beijing is the day before in UTC: it belongs to the 11th.
			await issue('2025-06-11T07:30:00');
			expect((await figures(1, '2025-06-10T23:59:00')).centre.arrived).toBe(5);
			expect(await figures(1, '2025-06-11T08:00:00')).toMatchObject({
				centre: { arrived: 1, waiting: 1, served: 0, averageWait: null, longestWait: 30 },
				counter: { served: 0, noShows: 0, averageWait: null }
			});
		});

		it('checks in from a reference typed in full-width characters or in small letters', async () => {
			const phone = await registerDevice(conn.db);
			const [sent] = await applyOps(
				conn,
				{ id: phone.deviceId, userId: null },
				[submitOp(catalog, { n: 502 })],
				catalog
			);
			const { reference } = sent!.reply as { reference: string };
			const fullWidth = reference.replace(/[!-~]/g, (c) =>
				String.fromCharCode(c.charCodeAt(0) + 0xfee0)
			);
			const checked = await checkInScanned(conn, staffA, catalog, ` ${fullWidth} `);
			expect(checked).toMatchObject({ ok: true, ticket: expect.stringMatching(/^A\d{3}$/) });
			expect(await checkInScanned(conn, staffA, catalog, reference.toLowerCase())).toMatchObject({
				ok: true,
				ticket: (checked as { ticket: string }).ticket
			});
		});

		it('refuses unknown references and codes', async () => {
			expect(await checkInScanned(conn, staffA, catalog, 'LY-NOTHING0')).toEqual({
				ok: false,
				code: 'not_found'
			});
			// Our code's beginning with no application in it: spoilt, to be scanned again.
			expect(await checkInScanned(conn, staffA, catalog, `OW1.${randomUUID()}`)).toEqual({
				ok: false,
				code: 'unreadable'
			});
		});
	});
}
