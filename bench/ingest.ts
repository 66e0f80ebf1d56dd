// Ingest rate of `application.submit` ops through `POST /api/sync`, on SQLite and on PostgreSQL,
// beside the raw insert rate of the very same rows straight into the same database in the same run.
// Budget: ≥ 1,000 applications/s, and ≥ 50 % of raw, on SQLite and on PostgreSQL.
// Usage: npm run build && npx tsx bench/ingest.ts [--count 5000] [--pg postgres://…]
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { CHECKPOINT_EVERY_MS, connect, openSqlite } from '../src/lib/server/db/connect';
import { writeTransaction } from '../src/lib/server/db/transaction';
import { monthOf, weekOf } from '../src/lib/server/figures/measures';
import { dayOf } from '../src/lib/server/figures/record';
import { plannedSubmits, type SubmitOp } from './support/applications';
import { benchDatabase, defaultPgUrl } from './support/databases';
import { cpuReading } from './support/cpu';
import { startServer } from './support/server';

const { values } = parseArgs({
	options: {
		count: { type: 'string', default: '5000' },
		devices: { type: 'string', default: '20' },
		concurrency: { type: 'string', default: '8' },
		pg: {
			type: 'string',
			default: defaultPgUrl
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
	/** CPU time per application while the API ingested (ms): the server's processes, PostgreSQL's. */
	cpu: { server: number; database: number };
}

async function runOn(kind: 'sqlite' | 'postgres', port: number): Promise<Figures> {
	const database = await benchDatabase(kind, values.pg);
	const server = await startServer({ port, env: database.env });
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
		const before = cpuReading(server.pid);
		const t0 = performance.now();
		serverMs = 0;
		const statuses = await sendAll(server.url, tokens, measured);
		const apiSeconds = (performance.now() - t0) / 1000;
		const after = cpuReading(server.pid);
		const cpu = {
			server: (after.server - before.server) / COUNT,
			database: (after.database - before.database) / COUNT
		};
		const applySeconds = serverMs / 1000;
		const applied = statuses.filter((s) => s === 'applied').length;
		if (applied !== COUNT) throw new Error(`${kind}: ${applied} of ${COUNT} ops applied`);
		await server.stop();

		const raw = await rawInsertRate(database.url, kind, measured);
		return { kind, api: COUNT / apiSeconds, applyShare: applySeconds / apiSeconds, raw, cpu };
	} finally {
		await server.stop();
		await database.drop();
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

/** The tables an `application.submit` inserts into, keyed by the column naming the application. */
const TABLES = [
	['applications', 'id'],
	['bookings', 'application_id'],
	['ops', 'op_id'],
	['changes', 'application_id'],
	['application_events', 'application_id']
] as const;

/**
 * What a submit adds to counters no application is named in: one figures row (an insert), and one
 * more place taken in its slot (an upsert). The raw run writes them too, with the same statements.
 */
const figuresRow = (app: Record<string, unknown>, booked: boolean) => {
	const day = dayOf(app.created_at as string);
	return {
		day,
		week: weekOf(day),
		month: monthOf(day),
		point_id: app.point_id,
		matter_id: app.matter_id,
		applications: 1,
		booked: booked ? 1 : 0
	};
};
const FIGURE_COLUMNS = Object.keys(figuresRow({ created_at: new Date().toISOString() }, true));
const SLOT_COUNT_UPSERT = (p: (i: number) => string) =>
	`insert into slot_counts (point_id, matter_id, slot_start, booked) values (${p(1)}, ${p(2)}, ${p(3)}, 1) ` +
	`on conflict (point_id, matter_id, slot_start) do update set booked = slot_counts.booked + 1`;

/**
 * Takes the rows the API wrote for these ops out of the database, then inserts exactly those rows
 * again straight through the database driver (prepared statements, no query builder), with the
 * figures row and the slot count each submit adds, grouped in transactions of the API's request
 * size as the API commits them, and returns applications per second.
 */
async function rawInsertRate(url: string, kind: 'sqlite' | 'postgres', ops: SubmitOp[]) {
	const appIds = ops.map((o) => o.payload.applicationId);
	const rows = new Map<string, Record<string, unknown[]>>(appIds.map((id) => [id, {}]));
	// An op row names its application only through the op: the key goes both ways.
	const appOf = new Map(ops.map((o) => [o.opId, o.payload.applicationId]));
	const opOf = new Map(ops.map((o) => [o.payload.applicationId, o.opId]));
	const keysFor = (key: string, ids: string[]) =>
		key === 'op_id' ? ids.map((id) => opOf.get(id)!) : ids;
	const conn = connect(url);
	try {
		for (let i = 0; i < appIds.length; i += 500) {
			const ids = appIds.slice(i, i + 500);
			for (const [table, key] of TABLES) {
				const found = (await conn.db
					.selectFrom(table as 'applications')
					.selectAll()
					.where(key as 'id', 'in', keysFor(key, ids))
					.execute()) as Record<string, unknown>[];
				for (const row of found) {
					const appId = key === 'op_id' ? appOf.get(row[key] as string)! : (row[key] as string);
					(rows.get(appId)![table] ??= []).push(row);
				}
			}
		}
		await writeTransaction(conn, async (tx) => {
			for (let i = 0; i < appIds.length; i += 500) {
				const ids = appIds.slice(i, i + 500);
				for (const [table, key] of [...TABLES].reverse())
					await tx
						.deleteFrom(table as 'applications')
						.where(key as 'id', 'in', keysFor(key, ids))
						.execute();
			}
		});
	} finally {
		await conn.close();
	}
	const batches: Record<string, unknown[]>[][] = [];
	const sets = appIds.map((id) => rows.get(id)!);
	for (let i = 0; i < sets.length; i += BATCH) batches.push(sets.slice(i, i + BATCH));
	for (const set of sets) {
		const app = set.applications![0] as Record<string, unknown>;
		const booking = set.bookings?.[0] as Record<string, unknown> | undefined;
		const booked = booking?.status === 'booked';
		set.figure_deltas = [figuresRow(app, booked)];
		if (booked) set.slot_counts = [booking];
	}
	const rowsOf = (batch: Record<string, unknown[]>[]) =>
		batch.flatMap((set) =>
			[...TABLES.map(([table]) => table), 'figure_deltas', 'slot_counts'].flatMap((table) =>
				(set[table] ?? []).map((row) => [table, row as Record<string, unknown>] as const)
			)
		);
	const columnsOf = new Map<string, string[]>([
		...TABLES.map(
			([table]) =>
				[
					table,
					Object.keys((sets.find((s) => s[table]?.length)?.[table]?.[0] ?? {}) as object)
				] as [string, string[]]
		),
		['figure_deltas', FIGURE_COLUMNS],
		['slot_counts', ['point_id', 'matter_id', 'slot_start']]
	]);
	return kind === 'sqlite'
		? rawSqlite(url, batches, rowsOf, columnsOf)
		: rawPostgres(url, batches, rowsOf, columnsOf);
}

type Batch = Record<string, unknown[]>[];
type RowsOf = (batch: Batch) => (readonly [string, Record<string, unknown>])[];

function rawSqlite(
	file: string,
	batches: Batch[],
	rowsOf: RowsOf,
	columnsOf: Map<string, string[]>
) {
	// As the app opens it.
	const db = openSqlite(file);
	const inserts = new Map(
		[...columnsOf].map(([table, columns]) => [
			table,
			db.prepare(
				table === 'slot_counts'
					? SLOT_COUNT_UPSERT(() => '?')
					: `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
			)
		])
	);
	const write = db.transaction((batch: Batch) => {
		for (const [table, row] of rowsOf(batch))
			inserts.get(table)!.run(columnsOf.get(table)!.map((c) => row[c]));
	});
	const t0 = performance.now();
	// And copies its log into the file after a write as often as the app's writers do.
	let copied = t0;
	for (const batch of batches) {
		write(batch);
		if (performance.now() - copied >= CHECKPOINT_EVERY_MS) {
			db.pragma('wal_checkpoint(PASSIVE)');
			copied = performance.now();
		}
	}
	const seconds = (performance.now() - t0) / 1000;
	db.close();
	return batches.reduce((n, b) => n + b.length, 0) / seconds;
}

async function rawPostgres(
	url: string,
	batches: Batch[],
	rowsOf: RowsOf,
	columnsOf: Map<string, string[]>
) {
	const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
	const text = new Map(
		[...columnsOf].map(([table, columns]) => [
			table,
			table === 'slot_counts'
				? SLOT_COUNT_UPSERT((i) => `$${i}`)
				: `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`
		])
	);
	// JSON columns come back parsed; they go back as JSON text, as the app sends them.
	const value = (v: unknown) =>
		v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			const client = await pool.connect();
			try {
				while (next < batches.length) {
					const batch = batches[next++]!;
					await client.query('begin');
					for (const [table, row] of rowsOf(batch))
						await client.query({
							name: `raw-${table}`,
							text: text.get(table)!,
							values: columnsOf.get(table)!.map((c) => value(row[c]))
						});
					await client.query('commit');
				}
			} finally {
				client.release();
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	await pool.end();
	return batches.reduce((n, b) => n + b.length, 0) / seconds;
}

const results: Figures[] = [await runOn('sqlite', 4321)];
if (!values['skip-pg']) {
	// A PostgreSQL failure ends the run with its error: a figure left out is not a figure met.
	results.push(await runOn('postgres', 4322));
}

console.log(
	`\napplication.submit ingest, ${COUNT} ops in requests of ${BATCH} from ${DEVICES} devices, ${CONCURRENCY} requests at a time (after ${WARM_UP} to warm up)`
);
for (const r of results) {
	console.log(
		`${r.kind.padEnd(9)} API ${r.api.toFixed(0).padStart(6)} applications/s   raw insert of the same rows ${r.raw.toFixed(0).padStart(6)} /s   API = ${((r.api / r.raw) * 100).toFixed(0)} % of raw${CONCURRENCY === 1 ? `   (ops themselves ${(r.applyShare * 100).toFixed(0)} % of the API's time)` : ''}`
	);
}
const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(3)} ms`);
for (const r of results) {
	const database = r.kind === 'postgres' ? `, PostgreSQL ${ms(r.cpu.database)}` : '';
	console.log(`${r.kind.padEnd(9)} CPU per application: server ${ms(r.cpu.server)}${database}`);
}
for (const r of results)
	console.log(
		`budget on ${r.kind}: ≥ 1000/s and ≥ 50 % of raw → ${r.api >= 1000 && r.api / r.raw >= 0.5 ? 'met' : 'NOT met'}`
	);
