import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { bumpCatalogRevision } from '../catalog/revision';
import { currentCatalog } from '../catalog/cache';
import { connect } from '../db/connect';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { submitOp } from '../testing/applications';
import { tinyJpeg } from '../testing/images';
import { countRows, syncClient } from '../testing/sync-client';
import { applyOps } from './apply-ops';
import { handleSyncPost } from './http';

for (const target of testDatabases()) {
	describe(`sync API on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let token: string;
		let deviceId: string;
		let client: ReturnType<typeof syncClient>;
		const post = (body: unknown, t = token) => client.post(body, t);
		const count = (table: 'applications' | 'bookings' | 'ops') => countRows(conn, table);

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			({ token, deviceId } = await registerDevice(conn.db));
			client = syncClient(conn, token);
		});
		afterAll(async () => conn?.drop());

		/**
		 * Four connections, each with a device of its own, as four server processes have them.
		 * PostgreSQL: separate pools. SQLite: the one connection, as a server process has
		 * (better-sqlite3 waits for a lock synchronously, so two connections in one process would
		 * stall each other).
		 */
		async function fourProcesses() {
			const conns =
				conn.kind === 'postgres'
					? Array.from({ length: 4 }, () => connect(conn.url, { poolSize: 10 }))
					: Array.from({ length: 4 }, () => ({ ...conn, close: async () => {} }));
			const devices = await Promise.all(conns.map((c) => registerDevice(c.db)));
			return { conns, devices };
		}

		/** An op's answer when its point does not handle its matter. */
		const notHandled = { status: 'rejected', reply: { fields: [{ field: 'pointId' }] } };

		/**
		 * Another server's catalogue edit, made in the database alone: the point `submitOp` uses by
		 * default stops handling its matter. The function returned puts it back.
		 */
		async function withdrawDefaultMatter(): Promise<() => Promise<void>> {
			const row = await conn.db
				.selectFrom('point_matters')
				.selectAll()
				.where('point_id', '=', 'chengxiang-centre')
				.where('matter_id', '=', 'individual-business-registration')
				.executeTakeFirstOrThrow();
			await conn.db
				.deleteFrom('point_matters')
				.where('point_id', '=', row.point_id)
				.where('matter_id', '=', row.matter_id)
				.execute();
			await bumpCatalogRevision(conn.db);
			return async () => {
				await conn.db.insertInto('point_matters').values(row).execute();
				await bumpCatalogRevision(conn.db);
			};
		}

		it('applies a submit once; a retry gets the same reply; a reused id is refused', async () => {
			const op = submitOp(catalog, { n: 1 });
			const first = await (await post({ ops: [op] })).json();
			expect(first.results[0]).toMatchObject({ opId: op.opId, status: 'applied' });
			expect(first.results[0].reply.reference).toMatch(/^LY-[0-9A-Z]{8}$/);
			expect(first.results[0].reply.booking.status).toBe('booked');
			const again = await (await post({ ops: [op] })).json();
			expect(again.results[0]).toEqual({ ...first.results[0], status: 'duplicate', replay: true });
			const reused = { ...op, payload: { ...op.payload, answers: { x: 'y' } } };
			const refused = await (await post({ ops: [reused] })).json();
			expect(refused.results[0]).toMatchObject({
				status: 'rejected',
				reply: { code: 'op_id_reused', fields: [{ field: 'opId' }] }
			});
			const rows = await conn.db
				.selectFrom('applications')
				.select('id')
				.where('op_id', '=', op.opId)
				.execute();
			expect(rows).toHaveLength(1);
		});

		it('never books a slot past its capacity: 200 at once for 5 places', async () => {
			await conn.db
				.updateTable('point_matters')
				.set({ capacity: 5 })
				.where('point_id', '=', 'guliu-centre')
				.where('matter_id', '=', 'farmer-cooperative-registration')
				.execute();
			await bumpCatalogRevision(conn.db);
			const fresh = (await currentCatalog(conn.db)).snapshot;
			const [slot] = submitOp(fresh, {
				n: 0,
				pointId: 'guliu-centre',
				matterId: 'farmer-cooperative-registration'
			}).payload.slots;
			const { conns, devices } = await fourProcesses();
			const results = (
				await Promise.all(
					Array.from({ length: 200 }, (_, i) =>
						applyOps(
							conns[i % 4]!,
							{ id: devices[i % 4]!.deviceId, userId: null },
							[
								submitOp(fresh, {
									n: 1000 + i,
									pointId: 'guliu-centre',
									matterId: 'farmer-cooperative-registration',
									slots: [slot!]
								})
							],
							fresh
						)
					)
				)
			).flat();
			await Promise.all(conns.map((c) => c.close()));
			expect(results.every((r) => r.status === 'applied')).toBe(true);
			const booked = results.filter(
				(r) => 'booking' in r.reply && r.reply.booking.status === 'booked'
			);
			const waiting = results.filter(
				(r) => 'booking' in r.reply && r.reply.booking.status === 'needs_slot'
			);
			expect(booked).toHaveLength(5);
			expect(waiting).toHaveLength(195);
			for (const r of waiting) {
				const alternatives = 'booking' in r.reply ? (r.reply.booking.alternatives ?? []) : [];
				expect(alternatives.length).toBeGreaterThan(0);
				expect(alternatives).not.toContain(slot);
			}
			const counted = await conn.db
				.selectFrom('slot_counts')
				.select('booked')
				.where('point_id', '=', 'guliu-centre')
				.where('slot_start', '=', slot!)
				.executeTakeFirstOrThrow();
			expect(counted.booked).toBe(5);
		});

		it('judges an op by the catalogue as it is now, changed by another server since this one last read it', async () => {
			const sent = await (await post({ ops: [submitOp(catalog, { n: 80 })] })).json();
			expect(sent.results[0].status).toBe('applied');
			// The other server's edit reaches this one through the database alone.
			const restore = await withdrawDefaultMatter();
			try {
				const refused = await (await post({ ops: [submitOp(catalog, { n: 81 })] })).json();
				expect(refused.results[0]).toMatchObject(notHandled);
			} finally {
				await restore();
			}
		});

		it('judges an op whose body was slow to come by the catalogue as it is once it has come', async () => {
			let send!: () => void;
			const sent = new Promise<void>((resolve) => (send = resolve));
			const body = JSON.stringify({ ops: [submitOp(catalog, { n: 82 })] });
			const slowly = new ReadableStream<Uint8Array>({
				async pull(controller) {
					await sent;
					controller.enqueue(new TextEncoder().encode(body));
					controller.close();
				}
			});
			const request = new Request('http://test.local/api/sync', {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: slowly,
				duplex: 'half'
			} as RequestInit);
			const answer = handleSyncPost(conn, request);
			// While the body is on its way, the point stops handling the matter.
			await new Promise((resolve) => setTimeout(resolve, 400));
			const restore = await withdrawDefaultMatter();
			send();
			try {
				const refused = await (await answer).json();
				expect(refused.results[0]).toMatchObject(notHandled);
			} finally {
				await restore();
			}
		});

		it('refuses a body sent as another type than JSON, naming its Content-Type', async () => {
			const body = JSON.stringify({ ops: [submitOp(catalog, { n: 83 })] });
			const asXml = new Request('http://test.local/api/sync', {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
				body
			});
			const answer = await handleSyncPost(conn, asXml);
			expect(answer.status).toBe(415);
			const { error } = await answer.json();
			expect(error.code).toBe('unsupported_type');
			expect(error.fields[0].field).toBe('Content-Type');
			expect(error.message).toContain('application/json');
			// JSON by another name (a charset, a +json type), or plain text as fetch sends a string.
			for (const type of [
				'application/json; charset=utf-8',
				'application/vnd.api+json',
				'text/plain;charset=UTF-8'
			]) {
				const request = new Request('http://test.local/api/sync', {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': type },
					body: JSON.stringify({ ops: [] })
				});
				expect((await handleSyncPost(conn, request)).status, type).toBe(200);
			}
		});

		it('takes 1,000 ops sent twice as 1,000 applications', async () => {
			const { token: t } = await registerDevice(conn.db);
			const before = await count('applications');
			const ops = Array.from({ length: 1000 }, (_, i) =>
				submitOp(catalog, { n: 5000 + i, pointId: 'muyudian-centre', slots: [] })
			);
			for (let round = 0; round < 2; round++) {
				for (let i = 0; i < ops.length; i += 50) {
					const response = await post({ ops: ops.slice(i, i + 50) }, t);
					expect(response.status).toBe(200);
					const { results } = await response.json();
					expect(results.map((r: { status: string }) => r.status)).toEqual(
						Array(results.length).fill(round === 0 ? 'applied' : 'duplicate')
					);
				}
			}
			expect((await count('applications')) - before).toBe(1000);
		});

		it('answers bad input with a 4xx naming the field, writing nothing', async () => {
			const apps = await count('applications');
			const bookings = await count('bookings');
			const ops = await count('ops');

			const notJson = await post('{"ops": [');
			expect(notJson.status).toBe(400);
			expect((await notJson.json()).error.fields[0].field).toBe('body');

			const notList = await post({ ops: 'many' });
			expect(notList.status).toBe(400);
			expect((await notList.json()).error.fields[0].field).toBe('ops');

			// No body asks for the ops; a body that is no object names the body.
			const empty = (await (await post('')).json()).error;
			expect(empty.fields[0]).toMatchObject({ field: 'ops' });
			expect(empty.message).toContain('ops');
			for (const body of ['null', '[]', '7']) {
				const { error } = await (await post(body)).json();
				expect(error.fields[0], body).toMatchObject({ field: 'body' });
				expect(error.message, body).toContain('body');
			}

			expect((await post({ ops: Array(51).fill({}) })).status).toBe(413);
			expect((await post({ ops: [{ pad: 'x'.repeat(2.1 * 1024 * 1024) }] })).status).toBe(413);
			expect((await post({ ops: [] }, 'not-a-real-token-at-all-000')).status).toBe(401);

			const bad = (n: number, change: (p: Record<string, unknown>) => void) => {
				const op = submitOp(catalog, { n });
				change(op.payload as unknown as Record<string, unknown>);
				return op;
			};
			const response = await post({
				ops: [
					bad(2, (p) => ((p.applicant as Record<string, unknown>).idNumber = '110105194912310021')),
					bad(3, (p) => ((p.applicant as Record<string, unknown>).phone = 12345)),
					bad(4, (p) => ((p.fields as Record<string, unknown>).capital = 'abc')),
					bad(5, (p) => (p.slots = 'soon')),
					bad(6, (p) => (p.matterId = 'no-such-matter')),
					{ opId: randomUUID(), kind: 'application.delete', schemaVersion: 1, payload: {} },
					{ opId: 42, kind: 'application.submit', schemaVersion: 1, payload: {} },
					// A birth date that is no date (month 13), with a right check character.
					bad(
						107,
						(p) => ((p.applicant as Record<string, unknown>).idNumber = '370682198013451239')
					),
					bad(108, (p) => ((p.applicant as Record<string, unknown>).name = '\u200b\u200b')),
					bad(109, (p) => ((p.fields as Record<string, unknown>).openingDate = '2026-02-30')),
					bad(110, (p) => (p.answers = { applicant: 'nobody' })),
					bad(
						111,
						(p) =>
							(p.attachments = [
								{ sha256: 'e'.repeat(64), materialId: 'nope', contentType: 'image/jpeg', size: 9 }
							])
					),
					bad(112, (p) => (p.pointId = 'no-such-point')),
					// Persons are counted whole.
					bad(113, (p) => ((p.fields as Record<string, unknown>).employees = 1.5)),
					// A bundle that is there, but not of this matter.
					bad(118, (p) => (p.bundleId = 'disabled-person')),
					// A card to be sent by post, with nowhere to send it.
					{
						...submitOp(catalog, { n: 119, matterId: 'social-security-card' }),
						payload: {
							...submitOp(catalog, { n: 119, matterId: 'social-security-card' }).payload,
							fields: { cardBank: 'icbc', pickup: 'post', mailingAddress: ' ' }
						}
					}
				]
			});
			expect(response.status).toBe(200);
			const { results } = await response.json();
			const fieldsOf = (i: number) =>
				results[i].reply.fields.map((f: { field: string }) => f.field);
			expect(results.every((r: { status: string }) => r.status === 'rejected')).toBe(true);
			expect(fieldsOf(0)).toContain('applicant.idNumber');
			expect(fieldsOf(1)).toContain('applicant.phone');
			expect(fieldsOf(2)).toContain('fields.capital');
			expect(fieldsOf(3)).toContain('slots');
			expect(fieldsOf(4)).toContain('matterId');
			expect(fieldsOf(5)).toContain('kind');
			expect(fieldsOf(6)).toContain('opId');
			expect(fieldsOf(7)).toEqual(['applicant.idNumber']);
			expect(fieldsOf(8)).toEqual(['applicant.name']);
			expect(fieldsOf(9)).toEqual(['fields.openingDate']);
			expect(fieldsOf(10)).toEqual(['answers.applicant']);
			expect(fieldsOf(11)).toEqual(['attachments.0.materialId']);
			expect(results[12].reply.fields).toEqual([{ field: 'pointId', message: '找不到服务点' }]);
			expect(results[13].reply.fields).toEqual([
				{ field: 'fields.employees', message: '“从业人数（含经营者）”应为 1 到 200 之间的整数' }
			]);
			expect(results[14].reply.fields).toEqual([
				{ field: 'matterId', message: '所选事项不在这件“一件事”之中' }
			]);
			expect(results[15].reply.fields).toEqual([
				{ field: 'fields.mailingAddress', message: '请填写“邮寄地址”' }
			]);
			for (const r of results.slice(0, 5))
				expect(r.reply.message).toMatch(/身份证|手机|资金|时段|事项|格式|请/);

			expect(await count('applications')).toBe(apps);
			expect(await count('bookings')).toBe(bookings);
			// Rejections are kept so a retry gets the same answer; nothing else is written.
			expect(await count('ops')).toBe(ops + 14);
		});

		it('names the op when an op is no object, and the slot when its time is none of the calendar', async () => {
			const { results } = await (await post({ ops: [null, 7, [], 'op'] })).json();
			for (const r of results) {
				expect(r).toMatchObject({ status: 'rejected', reply: { code: 'invalid_op' } });
				expect(r.reply.fields).toEqual([{ field: 'op', message: expect.stringContaining('op') }]);
			}
			const apps = await count('applications');
			const impossible = [
				'2026-02-30T09:00+08:00',
				'2026-13-01T09:00+08:00',
				'2026-12-01T24:00+08:00',
				'2026-12-01T09:60+08:00'
			];
			const ops = impossible.map((slot, i) => {
				const op = submitOp(catalog, { n: 130 + i });
				return { ...op, payload: { ...op.payload, slots: [slot] } };
			});
			const slotted = (await (await post({ ops })).json()).results;
			for (const r of slotted) {
				expect(r).toMatchObject({ status: 'rejected', reply: { fields: [{ field: 'slots.0' }] } });
			}
			expect(await count('applications')).toBe(apps);
		});

		it('books at once while the photos are on their way; each joins when it is uploaded', async () => {
			const { bytes: image, sha256: sha } = tinyJpeg();
			const op = submitOp(catalog, {
				n: 7,
				attachments: [
					{ sha256: sha, materialId: 'operator-id', contentType: 'image/jpeg', size: image.length }
				]
			});
			const first = (await (await post({ ops: [op] })).json()).results[0];
			expect(first).toMatchObject({ status: 'applied', reply: { booking: { status: 'booked' } } });
			const applicationId = op.payload.applicationId as string;
			const photos = async () => ({
				attached: await conn.db
					.selectFrom('attachments')
					.select(['sha256', 'material_id'])
					.where('application_id', '=', applicationId)
					.execute(),
				waiting: await conn.db
					.selectFrom('pending_attachments')
					.select(['sha256', 'material_id', 'size'])
					.where('application_id', '=', applicationId)
					.execute()
			});
			expect(await photos()).toEqual({
				attached: [],
				waiting: [{ sha256: sha, material_id: 'operator-id', size: image.length }]
			});
			const changes = () => countRows(conn, 'changes');
			const before = await changes();

			const put = (body: Uint8Array, hash = sha, type = 'image/jpeg', t = token) =>
				client.put(body, hash, type, t);
			expect((await put(image, sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a'))).status).toBe(400);
			expect((await put(Buffer.from('hello'), sha, 'text/plain')).status).toBe(415);
			expect((await put(Buffer.from('not a jpeg at all'), sha)).status).toBe(415);
			expect((await put(image, sha, 'image/jpeg', 'nope-nope-nope-nope-nope')).status).toBe(401);
			expect(await photos()).toMatchObject({ attached: [] });
			expect((await put(image)).status).toBe(201);
			expect(await photos()).toEqual({
				attached: [{ sha256: sha, material_id: 'operator-id' }],
				waiting: []
			});
			// The phone's next pull hears of it.
			expect(await changes()).toBe(before + 1);
			expect((await put(image)).status).toBe(200);

			const again = (await (await post({ ops: [op] })).json()).results[0];
			expect(again.status).toBe('duplicate');
		});

		it('applies a cancel queued behind its own submit, in order, and frees the place', async () => {
			const submit = submitOp(catalog, { n: 8, pointId: 'tuanwang-centre' });
			const cancel = {
				opId: randomUUID(),
				kind: 'booking.cancel',
				schemaVersion: 1,
				payload: { applicationId: submit.payload.applicationId }
			};
			const { results } = await (await post({ ops: [submit, cancel] })).json();
			expect(results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
			expect(results[1].reply.status).toBe('cancelled');
			const slot = results[0].reply.booking.slotStart;
			const counted = await conn.db
				.selectFrom('slot_counts')
				.select('booked')
				.where('point_id', '=', 'tuanwang-centre')
				.where('slot_start', '=', slot)
				.executeTakeFirstOrThrow();
			expect(counted.booked).toBe(0);
		});

		it('moves a booking: the new slot is held, then the old one released', async () => {
			const submit = submitOp(catalog, { n: 9, pointId: 'xuefang-centre' });
			const [a, b] = submit.payload.slots;
			const { results } = await (await post({ ops: [submit] })).json();
			expect(results[0].reply.booking.slotStart).toBe(a);
			const move = {
				opId: randomUUID(),
				kind: 'booking.move',
				schemaVersion: 1,
				payload: { applicationId: submit.payload.applicationId, slots: [b] }
			};
			const moved = (await (await post({ ops: [move] })).json()).results[0];
			expect(moved).toMatchObject({
				status: 'applied',
				reply: { booking: { status: 'booked', slotStart: b } }
			});
			const counts = await conn.db
				.selectFrom('slot_counts')
				.select(['slot_start', 'booked'])
				.where('point_id', '=', 'xuefang-centre')
				.where('slot_start', 'in', [a!, b!])
				.execute();
			expect(Object.fromEntries(counts.map((c) => [c.slot_start, c.booked]))).toEqual({
				[a!]: 0,
				[b!]: 1
			});
		});

		it('says why a move cannot be made: the time cannot be booked, or the application no longer moves', async () => {
			const submit = submitOp(catalog, { n: 114, pointId: 'xuefang-centre' });
			const [a] = submit.payload.slots;
			await post({ ops: [submit] });
			const op = (kind: string, payload: Record<string, unknown>) => ({
				opId: randomUUID(),
				kind,
				schemaVersion: 1,
				payload: { applicationId: submit.payload.applicationId, ...payload }
			});
			const send = async (o: unknown) => (await (await post({ ops: [o] })).json()).results[0];
			// The time it holds already, and a time long past: neither can be booked, neither is full.
			for (const slots of [[a], ['2020-01-06T09:00+08:00']]) {
				const refused = await send(op('booking.move', { slots }));
				expect(refused).toMatchObject({ status: 'conflict', reply: { code: 'no_slot' } });
				expect(refused.reply.message).toMatch(/不能预约/);
				expect(refused.reply.message).not.toMatch(/约满/);
			}
			expect((await send(op('booking.cancel', {}))).status).toBe('applied');
			const cancelled = await send(op('booking.move', { slots: [a] }));
			expect(cancelled).toMatchObject({ status: 'conflict', reply: { code: 'not_movable' } });
			expect(cancelled.reply.message).not.toMatch(/不能取消/);
		});

		it('takes an op id in capitals as the same id: a replay in small letters is a duplicate', async () => {
			const op = submitOp(catalog, { n: 115 });
			const upper = {
				...op,
				opId: op.opId.toUpperCase(),
				payload: { ...op.payload, applicationId: op.payload.applicationId.toUpperCase() }
			};
			const [first] = (await (await post({ ops: [upper] })).json()).results;
			// Each answer names the op as its device wrote it, so the device finds it.
			expect(first).toMatchObject({ opId: upper.opId, status: 'applied' });
			expect(first.reply.applicationId).toBe(op.payload.applicationId);
			const [again] = (await (await post({ ops: [{ ...upper, opId: op.opId }] })).json()).results;
			expect(again).toMatchObject({ opId: op.opId, status: 'duplicate', replay: true });
		});

		it('reads when a phone made an application on the server’s clock: a phone set hours wrong is neither “made offline” nor made in the future', async () => {
			const hour = 3_600_000;
			const madeAgo = (n: number, ms: number) => {
				const op = submitOp(catalog, { n });
				op.payload.createdAt = new Date(Date.now() - ms).toISOString();
				return op;
			};
			const clockOff = (ms: number) => new Date(Date.now() + ms).toISOString();
			// Just made, on a phone whose clock is three hours behind; then one two hours ahead (a phone
			// that does not say its clock); then one made an hour ago on a right clock, sent now.
			const behind = madeAgo(301, 3 * hour);
			const ahead = madeAgo(302, -2 * hour);
			const waited = madeAgo(303, hour);
			for (const [op, sentAt] of [
				[behind, clockOff(-3 * hour)],
				[ahead, undefined],
				[waited, clockOff(0)]
			] as const) {
				const { results } = await (await post({ ops: [op], sentAt })).json();
				expect(results[0].status).toBe('applied');
			}
			const waitedFor = async (op: { opId: string }) => {
				const row = await conn.db
					.selectFrom('applications')
					.select(['device_created_at', 'created_at'])
					.where('op_id', '=', op.opId)
					.executeTakeFirstOrThrow();
				return Date.parse(row.created_at) - Date.parse(row.device_created_at);
			};
			expect(Math.abs(await waitedFor(behind))).toBeLessThan(60_000);
			expect(await waitedFor(ahead)).toBe(0);
			expect(Math.abs((await waitedFor(waited)) - hour)).toBeLessThan(60_000);
			for (const sentAt of ['yesterday', '2026-01-01T08:30:00+08']) {
				const bad = await post({ ops: [], sentAt });
				expect(bad.status).toBe(400);
				expect((await bad.json()).error.fields[0].field).toBe('sentAt');
			}
			// A time the format allows but no clock reads is named, not failed on for ever.
			const unreadable = submitOp(catalog, { n: 304 });
			unreadable.payload.createdAt = '2026-01-01T08:30:00+08';
			const { results } = await (await post({ ops: [unreadable] })).json();
			expect(results[0]).toMatchObject({ status: 'rejected' });
			expect(results[0].reply.fields.map((f: { field: string }) => f.field)).toEqual(['createdAt']);
			// A clock said to be thousands of years off moves the record no further than a year back.
			const farOff = madeAgo(305, 0);
			await post({ ops: [farOff], sentAt: '9999-12-31T23:59:59Z' });
			const year = 366 * 24 * hour;
			expect(await waitedFor(farOff)).toBeLessThanOrEqual(year);
			expect(await waitedFor(farOff)).toBeGreaterThan(year - 60_000);
		});

		it('keeps one active booking per person per matter', async () => {
			const one = submitOp(catalog, { n: 10, pointId: 'wandi-centre' });
			const two = submitOp(catalog, { n: 10, pointId: 'wandi-centre' });
			const { results } = await (await post({ ops: [one, two] })).json();
			expect(results[0].status).toBe('applied');
			expect(results[1]).toMatchObject({ status: 'rejected', reply: { code: 'already_booked' } });
			// The resident is told what to do about it: the booking may be on another phone.
			expect(results[1].reply.message).toMatch(/另一部手机.*改正后重新提交.*服务点/);
			// The same application under a new op is the application again, not a second booking.
			const again = { ...one, opId: randomUUID() };
			const [answer] = (await (await post({ ops: [again] })).json()).results;
			expect(answer).toMatchObject({ status: 'conflict', reply: { code: 'application_exists' } });
		});

		it('counts an application waiting for a time as its person’s one for the matter', async () => {
			const waiting = submitOp(catalog, { n: 118, pointId: 'wandi-centre', slots: [] });
			const another = submitOp(catalog, { n: 118, pointId: 'wandi-centre', slots: [] });
			const booked = submitOp(catalog, { n: 118, pointId: 'wandi-centre' });
			const results = (await (await post({ ops: [waiting, another, booked] })).json()).results;
			expect(results[0]).toMatchObject({
				status: 'applied',
				reply: { booking: { status: 'needs_slot' } }
			});
			for (const r of results.slice(1))
				expect(r).toMatchObject({ status: 'rejected', reply: { code: 'already_booked' } });
		});

		it('keeps one application per person per matter when phones send theirs at the same moment', async () => {
			const { conns, devices } = await fourProcesses();
			// One person, one matter: most phones wait for a time, some ask for one.
			const results = (
				await Promise.all(
					Array.from({ length: 40 }, (_, i) =>
						applyOps(
							conns[i % 4]!,
							{ id: devices[i % 4]!.deviceId, userId: null },
							[
								submitOp(catalog, {
									n: 119,
									pointId: 'wandi-centre',
									...(i % 5 === 4 ? {} : { slots: [] })
								})
							],
							catalog
						)
					)
				)
			).flat();
			await Promise.all(conns.map((c) => c.close()));
			expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
			for (const r of results.filter((r) => r.status !== 'applied'))
				expect(r).toMatchObject({ status: 'rejected', reply: { code: 'already_booked' } });
		});

		it('refuses to move a waiting application into a slot while its person holds a booking for the matter', async () => {
			// Stored before waiting applications counted as the person's one: both at once.
			const waiting = submitOp(catalog, { n: 116, pointId: 'wandi-centre', slots: [] });
			const booked = submitOp(catalog, { n: 117, pointId: 'wandi-centre' });
			const submitted = (await (await post({ ops: [waiting, booked] })).json()).results;
			expect(
				submitted.map((r: { reply: { booking: { status: string } } }) => r.reply.booking.status)
			).toEqual(['needs_slot', 'booked']);
			const sameOne = { applicant_id_number: waiting.payload.applicant.idNumber };
			await conn.db
				.updateTable('applications')
				.set(sameOne)
				.where('id', '=', booked.payload.applicationId)
				.execute();
			await conn.db
				.updateTable('bookings')
				.set(sameOne)
				.where('application_id', '=', booked.payload.applicationId)
				.execute();
			const move = {
				opId: randomUUID(),
				kind: 'booking.move',
				schemaVersion: 1,
				payload: {
					applicationId: waiting.payload.applicationId,
					slots: booked.payload.slots.slice(1)
				}
			};
			const cancel = {
				...move,
				opId: randomUUID(),
				kind: 'booking.cancel',
				payload: { applicationId: waiting.payload.applicationId }
			};
			const [moved, cancelled] = (await (await post({ ops: [move, cancel] })).json()).results;
			expect(moved).toMatchObject({ status: 'rejected', reply: { code: 'already_booked' } });
			expect(moved.reply.message).toMatch(/另一个有效预约.*请先取消另一个预约/);
			// The application stays as it was, and goes on: its cancel is applied.
			expect(cancelled).toMatchObject({ status: 'applied', reply: { status: 'cancelled' } });
			const held = await conn.db
				.selectFrom('slot_counts')
				.select('booked')
				.where('point_id', '=', 'wandi-centre')
				.where('slot_start', '=', booked.payload.slots[1]!)
				.executeTakeFirst();
			expect(held?.booked ?? 0).toBe(0);
		});

		it('keeps the answers to the questions its matter asks, and drops any other', async () => {
			// A question the catalogue no longer asks (changed while the application waited).
			const op = submitOp(catalog, { n: 113 });
			op.payload.answers = { applicant: 'self', 'no-such-question': 'x' };
			const { results } = await (await post({ ops: [op] })).json();
			expect(results[0].status).toBe('applied');
			const row = await conn.db
				.selectFrom('applications')
				.select('answers')
				.where('id', '=', op.payload.applicationId)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(row.answers)).toEqual({ applicant: 'self' });
		});

		it('pulls this device’s changes in server order, and none of another device’s', async () => {
			const pull = async (since: number, t = token) => (await client.pull(since, t)).json();
			const all = await pull(0);
			expect(all.changes.length).toBeGreaterThan(0);
			const seqs = all.changes.map((c: { seq: number }) => c.seq);
			expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
			const after = await pull(all.cursor);
			expect(after.changes).toEqual([]);
			const other = await registerDevice(conn.db);
			expect((await pull(0, other.token)).changes).toEqual([]);
			const bad = await client.pull(-1);
			expect(bad.status).toBe(400);
			expect(deviceId).toBeTruthy();
		});

		it('gives an application the same state in a pull of many as in a pull of a few', async () => {
			const device = await registerDevice(conn.db);
			const ops = Array.from({ length: 6 }, (_, i) => submitOp(catalog, { n: 401 + i }));
			const sent = (await (await post({ ops }, device.token)).json()).results;
			expect(sent.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('applied'));
			const pull = async (since: number) => (await client.pull(since, device.token)).json();
			const all = (await pull(0)).changes;
			expect(all.map((c: { applicationId: string }) => c.applicationId)).toEqual(
				ops.map((op) => op.payload.applicationId)
			);
			expect(all.map((c: { reference: string }) => c.reference)).toEqual(
				sent.map((r: { reply: { reference: string } }) => r.reply.reference)
			);
			expect(all[0]).toMatchObject({ status: 'submitted', booking: { status: 'booked' } });
			// Five, four, … none after each one: lists of every length a pull reads.
			for (let i = 0; i < all.length; i++) {
				expect((await pull(all[i].seq)).changes).toEqual(all.slice(i + 1));
			}
		});

		it('answers a cursor past the server’s last change with the last change, so later ones are seen', async () => {
			const pull = async (since: number) => (await client.pull(since)).json();
			const ahead = await pull(1e12);
			expect(ahead).toMatchObject({ changes: [], more: false });
			expect(ahead.cursor).toBeLessThan(1e12);
			const submit = submitOp(catalog, { n: 117 });
			await post({ ops: [submit] });
			const next = await pull(ahead.cursor);
			expect(next.changes.map((c: { applicationId: string }) => c.applicationId)).toEqual([
				submit.payload.applicationId
			]);
		});
	});
}
