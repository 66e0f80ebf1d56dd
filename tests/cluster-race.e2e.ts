import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { slotTimes } from '../src/lib/catalog/slots';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { fieldValues, idNumber } from '../src/lib/server/testing/applications';
import { withSearchPath } from '../src/lib/server/testing/databases';
import { serviceClock } from '../src/lib/time';

const DEVICES = 40;

/** `server.js` in two processes on one database, as `npm start` runs it on a 2-core machine. */
async function startCluster(port: number, env: Record<string, string>): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['server.js'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			...env,
			WEB_CONCURRENCY: '2',
			DEMO_DATA: '1',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			RATE_LIMIT_DEVICES_PER_MINUTE: '0',
			RATE_LIMIT_DEVICES_PER_HOUR: '0'
		}
	});
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	child.kill();
	throw new Error(`server on ${port} did not start`);
}

const stop = (child: ChildProcess) =>
	new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});

const targets: {
	kind: string;
	setUp(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}[] = [
	{
		kind: 'SQLite',
		setUp: async () => ({
			env: {
				DATABASE_URL: '',
				SQLITE_FILE: join(mkdtempSync(join(tmpdir(), 'one-window-cluster-')), 'race.db')
			},
			drop: async () => {}
		})
	}
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
	targets.push({
		kind: 'PostgreSQL',
		async setUp() {
			const schema = `cluster_${Date.now()}`;
			const admin = new pg.Client({ connectionString: pgUrl });
			await admin.connect();
			await admin.query(`create schema ${schema}`);
			await admin.end();
			return {
				env: { DATABASE_URL: withSearchPath(pgUrl, schema) },
				async drop() {
					const c = new pg.Client({ connectionString: pgUrl });
					await c.connect();
					await c.query(`drop schema ${schema} cascade`);
					await c.end();
				}
			};
		}
	});
}

for (const [i, target] of targets.entries()) {
	test(`two app processes on one ${target.kind} database: ${DEVICES} devices racing for one slot book exactly its capacity, and every replay is a duplicate`, async () => {
		test.setTimeout(240_000);
		const database = await target.setUp();
		const port = 4380 + i;
		const server = await startCluster(port, database.env);
		const base = `http://127.0.0.1:${port}`;
		try {
			const catalog = (await (await fetch(`${base}/api/catalog`)).json()) as CatalogSnapshot;
			const point = catalog.points.find((p) => p.id === 'chengxiang-centre')!;
			const rule = point.services.find((r) => r.matterId === 'individual-business-registration')!;
			const matter = catalog.matters.find((m) => m.id === rule.matterId)!;
			const slot = slotTimes(point, rule, catalog.calendar, serviceClock().date, 14)[3]!;

			const tokens = await Promise.all(
				Array.from({ length: DEVICES }, async () => {
					const res = await fetch(`${base}/api/devices`, { method: 'POST' });
					return ((await res.json()) as { token: string }).token;
				})
			);
			const ops = tokens.map((_, n) => ({
				opId: randomUUID(),
				kind: 'application.submit',
				schemaVersion: 1,
				payload: {
					applicationId: randomUUID(),
					matterId: matter.id,
					pointId: point.id,
					slots: [slot.start],
					applicant: { name: `并发${n}`, idNumber: idNumber(9000 + n), phone: '13800000000' },
					fields: fieldValues(matter.form),
					answers: {},
					attachments: [],
					createdAt: new Date().toISOString()
				}
			}));
			const send = () =>
				Promise.all(
					tokens.map(async (token, n) => {
						const res = await fetch(`${base}/api/sync`, {
							method: 'POST',
							headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
							body: JSON.stringify({ ops: [ops[n]] })
						});
						expect(res.status).toBe(200);
						const { results } = (await res.json()) as {
							results: { status: string; reply: { booking?: { status: string } } }[];
						};
						return results[0]!;
					})
				);

			const first = await send();
			expect(first.every((r) => r.status === 'applied')).toBe(true);
			const booked = first.filter((r) => r.reply.booking?.status === 'booked').length;
			expect(booked).toBe(slot.capacity);
			expect(first.filter((r) => r.reply.booking?.status === 'needs_slot')).toHaveLength(
				DEVICES - slot.capacity
			);

			// Every phone sends again, as after a lost answer: the same outcome, nothing new.
			const again = await send();
			expect(again.every((r) => r.status === 'duplicate')).toBe(true);
			expect(again.filter((r) => r.reply.booking?.status === 'booked')).toHaveLength(slot.capacity);
			const board = (await (
				await fetch(
					`${base}/api/points/${point.id}/slots?matter=${matter.id}&from=${slot.start.slice(0, 10)}&days=1`
				)
			).json()) as { slots: { start: string; remaining: number }[] };
			expect(board.slots.find((s) => s.start === slot.start)?.remaining).toBe(0);
		} finally {
			await stop(server);
			await database.drop();
		}
	});
}
