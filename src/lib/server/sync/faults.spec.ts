import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { referenceOf } from '$lib/reference';
import { registerDevice } from '../auth/devices';
import { bumpCatalogRevision } from '../catalog/revision';
import { currentCatalog } from '../catalog/cache';
import { connect, type Connection } from '../db/connect';
import { seedDemo } from '../seed/seed-demo';
import { nextSlots, submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { syncClient } from '../testing/sync-client';
import { applyOps } from './apply-ops';

const op = (kind: string, payload: Record<string, unknown>) => ({
	opId: randomUUID(),
	kind,
	schemaVersion: 1,
	payload
});

/** A request body whose `marker` string stands for `levels` objects nested one in the next. */
function withNesting(body: unknown, marker: string, levels: number): string {
	// Written as text: JSON.stringify itself overflows the stack on such a value.
	return JSON.stringify(body).replace(
		JSON.stringify(marker),
		'{"x":'.repeat(levels) + '{}' + '}'.repeat(levels)
	);
}

for (const target of testDatabases()) {
	describe(`sync under faults on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let client: ReturnType<typeof syncClient>;
		const results = async (ops: unknown[], body: unknown = { ops }) => {
			const response = await client.post(body);
			expect(response.status).toBe(200);
			return (await response.json()).results as {
				opId: string;
				status: string;
				replay?: boolean;
				reply: Record<string, unknown>;
			}[];
		};
		/** Connections as several server processes would have them (SQLite: one per process). */
		const servers = (n: number): Connection[] =>
			conn.kind === 'postgres'
				? Array.from({ length: n }, () => connect(conn.url, { poolSize: 4 }))
				: Array.from({ length: n }, () => ({ ...conn, close: async () => {} }));

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			client = syncClient(conn, (await registerDevice(conn.db)).token);
		});
		afterAll(async () => conn?.drop());

		it('answers a replayed op as it was first answered, marked as a replay', async () => {
			const good = submitOp(catalog, { n: 1 });
			const invalid = submitOp(catalog, { n: 2 });
			(invalid.payload.applicant as Record<string, unknown>).phone = '12';
			const early = op('rating.submit', { applicationId: good.payload.applicationId, stars: 4 });
			const first = await results([good, invalid, early]);
			expect(first.map((r) => r.status)).toEqual(['applied', 'rejected', 'conflict']);
			expect(first.some((r) => r.replay)).toBe(false);

			const again = await results([good, invalid, early]);
			expect(again.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'conflict']);
			expect(again.every((r) => r.replay === true)).toBe(true);
			expect(again.map((r) => r.reply)).toEqual(first.map((r) => r.reply));
		});

		it('applies an op sent twice in one request once; the second is its replay', async () => {
			const earlier = submitOp(catalog, { n: 70 });
			await results([earlier]);
			const fresh = submitOp(catalog, { n: 71 });
			const [first, second, old] = await results([fresh, fresh, earlier]);
			expect(first).toMatchObject({ status: 'applied' });
			expect(first!.replay).toBeUndefined();
			expect(second).toEqual({ ...first, status: 'duplicate', replay: true });
			expect(old).toMatchObject({ status: 'duplicate', replay: true });
			const rows = await conn.db
				.selectFrom('applications')
				.select('id')
				.where('id', '=', fresh.payload.applicationId)
				.execute();
			expect(rows).toHaveLength(1);
		});

		it('replays an applied submit even once its matter has left the catalogue', async () => {
			const { deviceId } = await registerDevice(conn.db);
			const device = { id: deviceId, userId: null };
			const submit = submitOp(catalog, { n: 72 });
			const [first] = await applyOps(conn, device, [submit], catalog);
			expect(first).toMatchObject({ status: 'applied' });
			const without = {
				...catalog,
				matters: catalog.matters.filter((x) => x.id !== submit.payload.matterId)
			};
			const [again] = await applyOps(conn, device, [submit], without);
			expect(again).toEqual({ ...first, status: 'duplicate', replay: true });
			const fresh = submitOp(catalog, { n: 73, matterId: submit.payload.matterId });
			const [refused] = await applyOps(conn, device, [fresh], without);
			expect(refused).toMatchObject({ status: 'rejected', reply: { code: 'invalid_input' } });
		});

		it('refuses an over-deep or over-large payload as that op alone; the others apply', async () => {
			const before = submitOp(catalog, { n: 10 });
			const deep = submitOp(catalog, { n: 11 });
			(deep.payload.fields as Record<string, unknown>).capital = 'DEEP';
			const large = submitOp(catalog, { n: 12 });
			(large.payload.answers as Record<string, unknown>).pad = 'x'.repeat(300_000);
			const after = submitOp(catalog, { n: 13 });
			const ops = [before, deep, large, after];
			const answered = await results(ops, withNesting({ ops }, 'DEEP', 5000));
			expect(answered.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
			expect(answered[1]!.reply).toMatchObject({
				code: 'payload_too_deep',
				fields: [{ field: 'payload' }]
			});
			expect(answered[2]!.reply).toMatchObject({
				code: 'payload_too_large',
				fields: [{ field: 'payload' }]
			});
		});

		it('answers an op that fails unexpectedly with retry, and applies the others', async () => {
			await installFault(conn, '故障测试');
			try {
				const before = submitOp(catalog, { n: 20 });
				const failing = submitOp(catalog, { n: 21 });
				(failing.payload.applicant as Record<string, unknown>).name = '故障测试';
				const cancel = op('booking.cancel', { applicationId: failing.payload.applicationId });
				const after = submitOp(catalog, { n: 22 });
				const answered = await results([before, failing, cancel, after]);
				expect(answered.map((r) => r.status)).toEqual(['applied', 'retry', 'retry', 'applied']);
				expect(answered[1]!.reply).toMatchObject({ code: 'server_error' });
				expect(answered[2]!.reply).toMatchObject({ code: 'earlier_op_pending' });

				await removeFault(conn);
				const later = await results([failing, cancel]);
				expect(later.map((r) => r.status)).toEqual(['applied', 'applied']);
				expect(later[1]!.reply).toMatchObject({ status: 'cancelled' });
			} finally {
				await removeFault(conn);
			}
		});

		it('never gives two applications one reference', async () => {
			const first = submitOp(catalog, { n: 30, pointId: 'heluo-centre' });
			const second = submitOp(catalog, { n: 31, pointId: 'heluo-centre' });
			const id = first.payload.applicationId;
			// Same bits where the reference comes from, different elsewhere.
			second.payload.applicationId = (id.slice(0, 28) +
				(id.slice(28) === 'aaaaaaaa' ? 'b' : 'a').repeat(8)) as typeof id;
			expect(referenceOf(second.payload.applicationId)).toBe(referenceOf(id));
			const answered = await results([first, second]);
			expect(answered.map((r) => r.status)).toEqual(['applied', 'applied']);
			const [a, b] = answered.map((r) => r.reply.reference as string);
			expect(a).toBe(referenceOf(id));
			expect(b).toMatch(/^LY-[0-9A-Z]{8}$/);
			expect(b).not.toBe(a);
		});

		it('names too many ranked slots as items, not characters', async () => {
			const many = submitOp(catalog, { n: 50 });
			many.payload.slots = Array.from(
				{ length: 11 },
				(_, i) => `2026-12-0${1 + (i % 9)}T09:00+08:00`
			);
			const [answer] = await results([many]);
			expect(answer).toMatchObject({ status: 'rejected', reply: { fields: [{ field: 'slots' }] } });
			expect(answer!.reply.message).toContain('最多 10 项');
		});

		it('stops an agent’s device once the agent’s account is disabled', async () => {
			const id = randomUUID();
			await addTestUser(conn.db, {
				id,
				username: `agent-${id}`,
				displayName: '代办员',
				role: 'agent',
				pointId: 'tuanwang-centre'
			});
			const agent = syncClient(conn, (await registerDevice(conn.db, id)).token);
			expect((await agent.pull(0)).status).toBe(200);
			await conn.db.updateTable('users').set({ disabled: 1 }).where('id', '=', id).execute();
			expect((await agent.pull(0)).status).toBe(401);
		});

		it('takes ranked slots without deadlock when devices rank two full slots in turn', async () => {
			const pointId = 'yangjun-centre';
			const matterId = 'individual-business-registration';
			await conn.db
				.updateTable('point_matters')
				.set({ capacity: 1 })
				.where('point_id', '=', pointId)
				.where('matter_id', '=', matterId)
				.execute();
			await bumpCatalogRevision(conn.db);
			const fresh = (await currentCatalog(conn.db)).snapshot;
			const [a, b] = nextSlots(fresh, pointId, matterId, 2) as [string, string];
			const fill = await results([
				submitOp(fresh, { n: 40, pointId, slots: [a] }),
				submitOp(fresh, { n: 41, pointId, slots: [b] })
			]);
			expect(fill.map((r) => (r.reply.booking as { status: string }).status)).toEqual([
				'booked',
				'booked'
			]);

			const conns = servers(8);
			const devices = await Promise.all(conns.map((c) => registerDevice(c.db)));
			const answered = (
				await Promise.all(
					conns.map(async (c, worker) => {
						const out = [];
						for (let i = 0; i < 25; i++) {
							const ranked = worker % 2 ? [b, a] : [a, b];
							const one = submitOp(fresh, { n: 1000 + worker * 100 + i, pointId, slots: ranked });
							out.push(
								...(await applyOps(
									c,
									{ id: devices[worker]!.deviceId, userId: null },
									[one],
									fresh
								))
							);
						}
						return out;
					})
				)
			).flat();
			await Promise.all(conns.map((c) => c.close()));
			expect(answered.filter((r) => r.status !== 'applied')).toEqual([]);
			const counts = await conn.db
				.selectFrom('slot_counts')
				.select(['slot_start', 'booked'])
				.where('point_id', '=', pointId)
				.where('slot_start', 'in', [a, b])
				.execute();
			expect(counts.map((c) => c.booked)).toEqual([1, 1]);
		});
	});
}

/** Makes the database refuse to store an application with this applicant name. */
async function installFault(conn: Connection, name: string): Promise<void> {
	if (conn.kind === 'sqlite') {
		await sql
			.raw(
				`create trigger fault before insert on applications when new.applicant_name = '${name}' begin select raise(abort, 'injected fault'); end`
			)
			.execute(conn.db);
		return;
	}
	await sql
		.raw(
			`create or replace function fault() returns trigger as $$ begin if new.applicant_name = '${name}' then raise exception 'injected fault'; end if; return new; end $$ language plpgsql`
		)
		.execute(conn.db);
	await sql
		.raw('create trigger fault before insert on applications for each row execute function fault()')
		.execute(conn.db);
}

async function removeFault(conn: Connection): Promise<void> {
	await sql
		.raw(
			conn.kind === 'sqlite'
				? 'drop trigger if exists fault'
				: 'drop trigger if exists fault on applications'
		)
		.execute(conn.db);
}
