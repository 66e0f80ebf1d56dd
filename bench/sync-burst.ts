// Devices syncing together, as phones do when a village's signal comes back: each sends its one
// queued application and then pulls its changes from its own cursor. Two arrivals: all at the same
// moment ("burst"), and spread evenly over one second ("spread"). Prints the latency of each kind
// of request (median, 99th percentile, worst), on SQLite and on PostgreSQL, client included, once
// the server is warm (`--warmup` rounds first, not counted); and the CPU each device's send and
// pull cost the client, the server's processes and PostgreSQL (read from Linux's /proc).
// Budgets (this 2-core machine): burst p99 ≤ 200 ms, spread p99 ≤ 50 ms. For reference, the same
// requests from the same client to a server that only speaks HTTP, in the same run.
// Usage: npm run build && npx tsx bench/sync-burst.ts [--devices 200] [--rounds 5] [--warmup 10] [--db sqlite|postgres|both]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { plannedSubmits, type SubmitOp } from './support/applications';
import { cpuReading, type CpuReading } from './support/cpu';
import { benchDatabase, defaultPgUrl, type BenchKind } from './support/databases';
import { median, startServer } from './support/server';

const { values } = parseArgs({
	options: {
		devices: { type: 'string', default: '200' },
		rounds: { type: 'string', default: '5' },
		warmup: { type: 'string', default: '10' },
		db: { type: 'string', default: 'both' },
		pg: { type: 'string', default: defaultPgUrl }
	}
});
const DEVICES = Number(values.devices);
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);
const SPREAD_MS = 1000;
const BUDGET = { burst: 200, spread: 50 } as const;
type Mode = keyof typeof BUDGET;

const percentile = (list: number[], p: number) =>
	[...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Device {
	token: string;
	cursor: number;
}

async function timed(init: () => Promise<Response>): Promise<[number, unknown]> {
	const t0 = performance.now();
	const res = await init();
	const body = await res.json();
	if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
	return [performance.now() - t0, body];
}

/** One device's turn: send its op, then pull from its cursor (following `more`). */
async function syncOnce(url: string, device: Device, op: SubmitOp) {
	const headers = { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' };
	const [sent, reply] = await timed(() =>
		fetch(`${url}/api/sync`, { method: 'POST', headers, body: JSON.stringify({ ops: [op] }) })
	);
	const status = (reply as { results: { status: string }[] }).results[0]?.status;
	if (status !== 'applied') throw new Error(`op not applied: ${JSON.stringify(reply)}`);
	let pulled = 0;
	for (;;) {
		const [took, page] = await timed(() =>
			fetch(`${url}/api/sync?since=${device.cursor}`, { headers })
		);
		pulled += took;
		const { cursor, more } = page as { cursor: number; more: boolean };
		device.cursor = cursor;
		if (!more) break;
	}
	return [sent, pulled] as const;
}

/** CPU time (ms) used while the counted rounds ran, by the client, the server and PostgreSQL. */
type Cpu = CpuReading;
type Figures = Record<Mode, { send: number[]; pull: number[]; cpu: Cpu }>;

/** Warm-up rounds, then `ROUNDS` rounds of each arrival, each device sending the next op. */
async function measure(
	url: string,
	serverPid: number,
	devices: Device[],
	ops: SubmitOp[]
): Promise<Figures> {
	const cpu = (): Cpu => ({ client: 0, server: 0, database: 0 });
	const figures: Figures = {
		burst: { send: [], pull: [], cpu: cpu() },
		spread: { send: [], pull: [], cpu: cpu() }
	};
	let next = 0;
	const round = (mode: Mode) =>
		Promise.all(
			devices.map(async (device, i) => {
				if (mode === 'spread') await sleep((i * SPREAD_MS) / DEVICES);
				return syncOnce(url, device, ops[next++]!);
			})
		);
	// Rounds that warm the server up, not counted: a server that has run a while has compiled its
	// hot paths (the JIT), which the first thousand requests of a fresh process are still doing.
	for (let w = 0; w < WARMUP; w++) await round(w % 2 ? 'spread' : 'burst');
	for (let r = 0; r < ROUNDS; r++) {
		for (const mode of ['burst', 'spread'] as const) {
			const before = cpuReading(serverPid);
			const timings = await round(mode);
			const after = cpuReading(serverPid);
			for (const key of ['client', 'server', 'database'] as const) {
				figures[mode].cpu[key] += after[key] - before[key];
			}
			for (const [sent, pulled] of timings) {
				figures[mode].send.push(sent);
				figures[mode].pull.push(pulled);
			}
			await sleep(300);
		}
	}
	return figures;
}

async function runOn(kind: BenchKind, port: number) {
	const database = await benchDatabase(kind, values.pg);
	const server = await startServer({ port, env: database.env });
	try {
		const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as CatalogSnapshot;
		const ops = plannedSubmits(catalog, DEVICES * (2 * ROUNDS + WARMUP));
		const devices: Device[] = [];
		for (let i = 0; i < DEVICES; i++) {
			const res = await fetch(`${server.url}/api/devices`, { method: 'POST' });
			devices.push({ token: ((await res.json()) as { token: string }).token, cursor: 0 });
		}
		return { figures: await measure(server.url, server.pid, devices, ops), ops };
	} finally {
		await server.stop();
		await database.drop();
	}
}

/**
 * The same requests, from the same client, to a server that only speaks HTTP
 * (`support/bare-http.mjs`): what HTTP and the client alone take on this machine.
 */
async function runBare(port: number, ops: SubmitOp[]) {
	const child = spawn(process.execPath, [join(import.meta.dirname, 'support/bare-http.mjs')], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, PORT: String(port) }
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		for (
			let i = 0;
			!(await fetch(url).then(
				(r) => r.ok,
				() => false
			));
			i++
		) {
			if (i > 50) throw new Error('the bare HTTP server did not start');
			await sleep(100);
		}
		const devices = Array.from({ length: DEVICES }, (_, i) => ({ token: `bare-${i}`, cursor: 0 }));
		return await measure(url, child.pid!, devices, ops);
	} finally {
		await new Promise((resolve) => {
			child.once('exit', resolve);
			child.kill('SIGTERM');
		});
	}
}

const kinds: BenchKind[] = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as BenchKind];
const results: [string, Figures][] = [];
let ops: SubmitOp[] = [];
for (const [i, kind] of kinds.entries()) {
	const run = await runOn(kind, 4351 + i);
	results.push([kind, run.figures]);
	ops = run.ops;
}
const reference = await runBare(4350, ops);

const line = (name: string, list: number[]) =>
	`  ${name.padEnd(5)} median ${median(list).toFixed(0).padStart(4)} ms   p99 ${percentile(
		list,
		0.99
	)
		.toFixed(0)
		.padStart(4)} ms   worst ${Math.max(...list)
		.toFixed(0)
		.padStart(4)} ms`;

/**
 * CPU per device's send and pull, and what it makes of an arrival. All at once: the devices' work
 * done by every core together, the least time the last device can be answered in, whatever the
 * order of the work. Over a second: how busy that work keeps the cores (near full, requests queue).
 */
const cpuLine = (mode: Mode, cpu: Cpu, database: boolean) => {
	const cores = availableParallelism();
	const perDevice = (ms: number) => ms / (DEVICES * ROUNDS);
	const parts = [`client ${perDevice(cpu.client).toFixed(2)} ms`];
	parts.push(`server ${perDevice(cpu.server).toFixed(2)} ms`);
	if (database) parts.push(`PostgreSQL ${perDevice(cpu.database).toFixed(2)} ms`);
	const all = perDevice(cpu.client + cpu.server + (database ? cpu.database : 0)) * DEVICES;
	const effect =
		mode === 'burst'
			? `${DEVICES} at once take ≥ ${(all / cores).toFixed(0)} ms of all ${cores} cores`
			: `${DEVICES} over ${SPREAD_MS} ms keep the ${cores} cores ${((100 * all) / cores / SPREAD_MS).toFixed(0)} % busy`;
	return `  CPU per device's send and pull: ${parts.join(', ')}; ${effect}`;
};

console.log(
	`\n${DEVICES} devices each sending one op then pulling, ${ROUNDS} rounds of each arrival`
);
let met = true;
for (const mode of ['burst', 'spread'] as const) {
	const label = mode === 'burst' ? 'all at once' : `over ${SPREAD_MS} ms`;
	for (const [kind, figures] of results) {
		console.log(`${kind} · ${label} (budget p99 ≤ ${BUDGET[mode]} ms)`);
		for (const name of ['send', 'pull'] as const) {
			met &&= percentile(figures[mode][name], 0.99) <= BUDGET[mode];
			console.log(line(name, figures[mode][name]));
		}
		console.log(cpuLine(mode, figures[mode].cpu, kind === 'postgres'));
	}
	console.log(`reference · ${label}: the same requests to a server that only speaks HTTP`);
	for (const name of ['send', 'pull'] as const) console.log(line(name, reference[mode][name]));
	console.log(cpuLine(mode, reference[mode].cpu, false));
}
console.log(`budgets ${met ? 'met' : 'NOT met'}`);
