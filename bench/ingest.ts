// Ingest rate of `application.submit` ops through `POST /api/sync`, on SQLite and on PostgreSQL,
// beside the raw insert rate of the very same rows straight into the same database in the same run.
// Budget: ≥ 1,000 applications/s, and ≥ 50 % of raw, on SQLite.
// Usage: npm run build && npx tsx bench/ingest.ts [--count 5000] [--pg postgres://…]
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { connect } from '../src/lib/server/db/connect';
import { writeTransaction } from '../src/lib/server/db/transaction';
import { withSearchPath } from '../src/lib/server/testing/databases';
import { plannedSubmits, type SubmitOp } from './support/applications';
import { startServer } from './support/server';

const { values } = parseArgs({
	options: {
		count: { type: 'string', default: '5000' },
		devices: { type: 'string', default: '20' },
		concurrency: { type: 'string', default: '8' },
		pg: {
			type: 'string',
			default:
				process.env.TEST_DATABASE_URL ??
				process.env.BENCH_DATABASE_URL ??
				'postgres://postgres@127.0.0.1:5432/test'
		},
		'skip-pg': { type: 'boolean', default: false }
	}
});
const COUNT = Number(values.count);
const DEVICES = Number(values.devices);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP = 200;
const BATCH = 50;

interface Figures {
	kind: string;
	api: number;
	/**
	 * Share of the wall time the server spent inside the ops (the rest: HTTP, JSON, the client);
	 * shown with `--concurrency 1`, where requests do not overlap.
	 */
	applyShare: number;
	raw: number;
}

async function runOn(kind: 'sqlite' | 'postgres', port: number): Promise<Figures> {
	let databaseUrl: string | null = null;
	let dropSchema = async () => {};
	if (kind === 'postgres') {
		const schema = `bench_${Date.now()}`;
		const admin = new pg.Client({ connectionString: values.pg });
		await admin.connect();
		await admin.query(`create schema ${schema}`);
		await admin.end();
		databaseUrl = withSearchPath(values.pg, schema);
		dropSchema = async () => {
			const c = new pg.Client({ connectionString: values.pg });
			await c.connect();
			await c.query(`drop schema ${schema} cascade`);
			await c.end();
		};
	}
	const server = await startServer({ port, env: databaseUrl ? { DATABASE_URL: databaseUrl } : {} });
	try {
		const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as CatalogSnapshot;
		const planned = plannedSubmits(catalog, WARM_UP + COUNT);
		const tokens: string[] = [];
		for (let i = 0; i < DEVICES; i++) {
			const res = await fetch(`${server.url}/api/devices`, { method: 'POST' });
			tokens.push(((await res.json()) as { token: string }).token);
		}

		await sendAll(server.url, tokens, planned.slice(0, WARM_UP));
		const measured = planned.slice(WARM_UP);
		const t0 = performance.now();
		serverMs = 0;
		const statuses = await sendAll(server.url, tokens, measured);
		const apiSeconds = (performance.now() - t0) / 1000;
		const applySeconds = serverMs / 1000;
		const applied = statuses.filter((s) => s === 'applied').length;
		if (applied !== COUNT) throw new Error(`${kind}: ${applied} of ${COUNT} ops applied`);
		await server.stop();

		const raw = await rawInsertRate(databaseUrl ?? server.dbFile, measured);
		return { kind, api: COUNT / apiSeconds, applyShare: applySeconds / apiSeconds, raw };
	} finally {
		await server.stop();
		await dropSchema();
	}
}

/** Sends the ops in requests of 50 from `tokens.length` devices, `CONCURRENCY` requests at a time. */
/** Time the server spent applying ops (its `Server-Timing`), summed over requests. */
let serverMs = 0;

async function sendAll(url: string, tokens: string[], ops: SubmitOp[]): Promise<string[]> {
	const batches: SubmitOp[][] = [];
	for (let i = 0; i < ops.length; i += BATCH) batches.push(ops.slice(i, i + BATCH));
	const statuses: string[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < batches.length) {
				const index = next++;
				const res = await fetch(`${url}/api/sync`, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						Authorization: `Bearer ${tokens[index % tokens.length]}`
					},
					body: JSON.stringify({ ops: batches[index] })
				});
				if (!res.ok) throw new Error(`POST /api/sync: ${res.status} ${await res.text()}`);
				serverMs += Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? 0);
				const { results } = (await res.json()) as { results: { status: string }[] };
				statuses.push(...results.map((r) => r.status));
			}
		})
	);
	return statuses;
}

/**
 * Takes the rows the API wrote for these ops out of the database, then inserts exactly those rows
 * again, one transaction per application as the API uses, and returns applications per second.
 */
async function rawInsertRate(url: string, ops: SubmitOp[]): Promise<number> {
	const conn = connect(url, { poolSize: CONCURRENCY + 2 });
	try {
		const appIds = ops.map((o) => o.payload.applicationId);
		const opIds = ops.map((o) => o.opId);
		const chunks = <T>(list: T[]) =>
			Array.from({ length: Math.ceil(list.length / 500) }, (_, i) =>
				list.slice(i * 500, i * 500 + 500)
			);
		const rows = new Map<
			string,
			{ app: unknown; bookings: unknown[]; op: unknown; changes: unknown[] }
		>();
		for (const ids of chunks(appIds)) {
			for (const app of await conn.db
				.selectFrom('applications')
				.selectAll()
				.where('id', 'in', ids)
				.execute())
				rows.set(app.id, { app, bookings: [], op: null, changes: [] });
			for (const b of await conn.db
				.selectFrom('bookings')
				.selectAll()
				.where('application_id', 'in', ids)
				.execute())
				rows.get(b.application_id)!.bookings.push(b);
			for (const c of await conn.db
				.selectFrom('changes')
				.select(['device_id', 'application_id', 'created_at'])
				.where('application_id', 'in', ids)
				.execute())
				rows.get(c.application_id)!.changes.push(c);
		}
		const byOp = new Map(ops.map((o) => [o.opId, o.payload.applicationId]));
		for (const ids of chunks(opIds)) {
			for (const op of await conn.db
				.selectFrom('ops')
				.selectAll()
				.where('op_id', 'in', ids)
				.execute())
				rows.get(byOp.get(op.op_id)!)!.op = op;
		}
		await writeTransaction(conn, async (tx) => {
			for (const ids of chunks(appIds)) {
				await tx.deleteFrom('changes').where('application_id', 'in', ids).execute();
				await tx.deleteFrom('bookings').where('application_id', 'in', ids).execute();
				await tx.deleteFrom('applications').where('id', 'in', ids).execute();
			}
			for (const ids of chunks(opIds))
				await tx.deleteFrom('ops').where('op_id', 'in', ids).execute();
		});

		const sets = appIds.map((id) => rows.get(id)!);
		let next = 0;
		const t0 = performance.now();
		// SQLite takes one writer at a time; PostgreSQL as many as the API server had requests.
		const workers = conn.kind === 'sqlite' ? 1 : CONCURRENCY;
		await Promise.all(
			Array.from({ length: workers }, async () => {
				while (next < sets.length) {
					const set = sets[next++]!;
					await writeTransaction(conn, async (tx) => {
						await tx
							.insertInto('applications')
							.values(set.app as never)
							.execute();
						for (const b of set.bookings)
							await tx
								.insertInto('bookings')
								.values(b as never)
								.execute();
						await tx
							.insertInto('ops')
							.values(set.op as never)
							.execute();
						for (const c of set.changes)
							await tx
								.insertInto('changes')
								.values(c as never)
								.execute();
					});
				}
			})
		);
		return sets.length / ((performance.now() - t0) / 1000);
	} finally {
		await conn.close();
	}
}

const results: Figures[] = [await runOn('sqlite', 4321)];
if (!values['skip-pg']) {
	try {
		results.push(await runOn('postgres', 4322));
	} catch (error) {
		console.log(`PostgreSQL skipped: ${(error as Error).message}`);
	}
}

console.log(
	`\napplication.submit ingest, ${COUNT} ops in requests of ${BATCH} from ${DEVICES} devices, ${CONCURRENCY} requests at a time (after ${WARM_UP} to warm up)`
);
for (const r of results) {
	console.log(
		`${r.kind.padEnd(9)} API ${r.api.toFixed(0).padStart(6)} applications/s   raw insert of the same rows ${r.raw.toFixed(0).padStart(6)} /s   API = ${((r.api / r.raw) * 100).toFixed(0)} % of raw${CONCURRENCY === 1 ? `   (ops themselves ${(r.applyShare * 100).toFixed(0)} % of the API's time)` : ''}`
	);
}
const sqlite = results[0]!;
console.log(
	`budget on SQLite: ≥ 1000/s and ≥ 50 % of raw → ${sqlite.api >= 1000 && sqlite.api / sqlite.raw >= 0.5 ? 'met' : 'NOT met'}`
);
