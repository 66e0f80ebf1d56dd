// Chaos: several devices send their applications through `POST /api/sync` while the server is
// killed (SIGKILL) and started again at random moments, and answers are dropped on the way back
// (the client gives up on a request at a random moment, or throws away an answer it got). Each
// device sends again whatever has no answer, as the app's outbox does, until every application
// has one. Then the database is read. On SQLite and on PostgreSQL. Prints, per database: sent,
// on server, lost, duplicated, overbooked, 5xx; all zero but the first two, which are equal.
// With `--kill process`, one of the server's app processes is killed instead (the server starts
// another): a process may die holding SQLite's turn to write, which the others must then get.
// Usage: npm run build && npx tsx bench/chaos.ts [--count 2000] [--devices 8] [--seed 1] [--skip-pg]
//        [--kill server|process]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { slotTimes } from '../src/lib/catalog/slots';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { connect } from '../src/lib/server/db/connect';
import { fieldValues } from '../src/lib/server/testing/applications';
import { serviceClock } from '../src/lib/time';
import { plannedSubmits, type SubmitOp } from './support/applications';
import { benchDatabase, defaultPgUrl } from './support/databases';

const { values } = parseArgs({
	options: {
		count: { type: 'string', default: '2000' },
		devices: { type: 'string', default: '8' },
		batch: { type: 'string', default: '10' },
		seed: { type: 'string', default: '1' },
		kill: { type: 'string', default: 'server' },
		pg: {
			type: 'string',
			default: defaultPgUrl
		},
		'skip-pg': { type: 'boolean', default: false }
	}
});
const COUNT = Number(values.count);
const DEVICES = Number(values.devices);
const BATCH = Number(values.batch);
const KILL_PROCESS = values.kill === 'process';
if (!['server', 'process'].includes(values.kill!)) throw new Error('--kill is server or process');
/** Share of the applications that all want the same few slots, to race for their places. */
const CONTENDED = 0.25;

/** A small seeded generator (mulberry32), so a run can be repeated. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = random(Number(values.seed));
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app's server, started again and again on the same database. */
class Server {
	#child: ChildProcess | null = null;
	kills = 0;
	constructor(
		readonly port: number,
		readonly env: Record<string, string>
	) {}
	get url() {
		return `http://127.0.0.1:${this.port}`;
	}
	start() {
		this.#child = spawn(process.execPath, ['server.js'], {
			stdio: ['ignore', 'ignore', 'ignore'],
			env: {
				...process.env,
				DEMO_DATA: '1',
				HOST: '127.0.0.1',
				PORT: String(this.port),
				RATE_LIMIT_DEVICES_PER_MINUTE: '0',
				RATE_LIMIT_DEVICES_PER_HOUR: '0',
				RATE_LIMIT_SYNC_PER_MINUTE: '0',
				...this.env
			}
		});
	}
	async ready() {
		for (let i = 0; i < 300; i++) {
			try {
				if ((await fetch(`${this.url}/api/health`)).ok) return;
			} catch {
				await sleep(100);
			}
		}
		throw new Error('the server did not start');
	}
	kill() {
		this.#child?.kill('SIGKILL');
		this.kills++;
	}
	/** Kills one of the server's app processes, at random; the server starts another. */
	killProcess() {
		const pids = execFileSync('pgrep', ['-P', String(this.#child!.pid)], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.filter(Boolean);
		if (!pids.length) return;
		process.kill(Number(pids[Math.floor(rand() * pids.length)]), 'SIGKILL');
		this.kills++;
	}
	async stop() {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		await new Promise((r) => {
			child.once('exit', r);
			child.kill('SIGTERM');
		});
	}
}

interface Answer {
	opId: string;
	status: string;
	reply: unknown;
}

interface Figures {
	kind: string;
	sent: number;
	onServer: number;
	lost: number;
	duplicated: number;
	overbooked: number;
	fivexx: number;
	kills: number;
	dropped: number;
	seconds: number;
	slowestMs: number;
}

/** The planned submits, a share of them changed to rank the same three slots of one point. */
function plan(catalog: CatalogSnapshot): { ops: SubmitOp[]; capacity: Map<string, number> } {
	const ops = plannedSubmits(catalog, COUNT);
	const point = catalog.points.find((p) => p.id === 'chengxiang-centre')!;
	const rule = point.services.find((s) => s.matterId === 'individual-business-registration')!;
	const contended = slotTimes(point, rule, catalog.calendar, serviceClock().date, 14)
		.slice(0, 3)
		.map((s) => s.start);
	const fields = fieldValues(catalog.matters.find((m) => m.id === rule.matterId)!.form);
	ops.forEach((op, i) => {
		if (i % Math.round(1 / CONTENDED)) return;
		op.payload.pointId = point.id;
		op.payload.matterId = rule.matterId;
		op.payload.slots = i % 2 ? [...contended].reverse() : contended;
		op.payload.fields = fields;
	});
	const capacity = new Map<string, number>();
	for (const p of catalog.points)
		for (const r of p.services) capacity.set(`${p.id}|${r.matterId}`, r.capacity);
	return { ops, capacity };
}

async function runOn(kind: 'sqlite' | 'postgres', port: number): Promise<Figures> {
	const database = await benchDatabase(kind, values.pg);
	const databaseUrl = database.url;
	const env = database.env;
	const server = new Server(port, env);
	server.start();
	await server.ready();
	try {
		const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as CatalogSnapshot;
		const { ops, capacity } = plan(catalog);
		const tokens: string[] = [];
		for (let i = 0; i < DEVICES; i++) {
			const res = await fetch(`${server.url}/api/devices`, { method: 'POST' });
			tokens.push(((await res.json()) as { token: string }).token);
		}

		let fivexx = 0;
		let dropped = 0;
		let slowestMs = 0;
		let done = false;
		const t0 = performance.now();
		// The killer: the server (or one of its processes) dies at a random moment every 0.2–1.2 s;
		// a server killed comes back after a pause.
		const killer = (async () => {
			while (!done) {
				await sleep(between(200, 1200));
				if (done) break;
				if (KILL_PROCESS) {
					server.killProcess();
					continue;
				}
				server.kill();
				await sleep(between(50, 400));
				server.start();
			}
		})();

		const devices = tokens.map(async (token, d) => {
			const queue = ops.filter((_, i) => i % DEVICES === d);
			while (queue.length) {
				const batch = queue.slice(0, BATCH);
				const abort = new AbortController();
				// Now and then the answer never arrives: the client gives up at a random moment.
				const giveUp = rand() < 0.1 ? setTimeout(() => abort.abort(), between(0, 40)) : null;
				let results: Answer[] | null = null;
				const sentAt = performance.now();
				try {
					const res = await fetch(`${server.url}/api/sync`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
						body: JSON.stringify({ ops: batch }),
						signal: abort.signal
					});
					if (res.status >= 500) fivexx++;
					const body = res.ok ? ((await res.json()) as { results: Answer[] }) : null;
					// Or it arrives and is lost on the way to the outbox.
					if (body && rand() < 0.1) dropped++;
					else results = body?.results ?? null;
					slowestMs = Math.max(slowestMs, performance.now() - sentAt);
				} catch {
					if (giveUp) dropped++;
				} finally {
					if (giveUp) clearTimeout(giveUp);
				}
				if (!results) {
					await sleep(between(20, 150));
					continue;
				}
				for (const r of results) {
					if (r.status === 'retry') continue;
					if (r.status !== 'applied' && r.status !== 'duplicate')
						throw new Error(`${kind}: op ${r.opId} was ${r.status}: ${JSON.stringify(r.reply)}`);
					const at = queue.findIndex((o) => o.opId === r.opId);
					if (at >= 0) queue.splice(at, 1);
				}
			}
		});
		await Promise.all(devices);
		done = true;
		await killer;
		const seconds = (performance.now() - t0) / 1000;
		await server.ready();
		await server.stop();

		const counted = await countOnServer(databaseUrl, ops, capacity);
		return {
			kind,
			sent: ops.length,
			...counted,
			fivexx,
			kills: server.kills,
			dropped,
			seconds,
			slowestMs
		};
	} finally {
		await server.stop();
		await database.drop();
	}
}

/** What the database holds of the sent applications, and any slot past its capacity. */
async function countOnServer(url: string, ops: SubmitOp[], capacity: Map<string, number>) {
	const conn = connect(url, { poolSize: 2 });
	try {
		const ids = new Set(ops.map((o) => o.payload.applicationId));
		const people = new Set(ops.map((o) => o.payload.applicant.idNumber));
		const apps = (
			await conn.db.selectFrom('applications').select(['id', 'applicant_id_number']).execute()
		).filter((a) => people.has(a.applicant_id_number));
		const onServer = apps.filter((a) => ids.has(a.id)).length;
		const perPerson = new Map<string, number>();
		for (const a of apps)
			perPerson.set(a.applicant_id_number, (perPerson.get(a.applicant_id_number) ?? 0) + 1);
		const duplicated = [...perPerson.values()].reduce((sum, n) => sum + n - 1, 0);

		const counts = await conn.db
			.selectFrom('slot_counts')
			.select(['point_id', 'matter_id', 'slot_start', 'booked'])
			.execute();
		const held = await conn.db
			.selectFrom('bookings')
			.select(['point_id', 'matter_id', 'slot_start'])
			.where('status', '=', 'booked')
			.execute();
		const heldBySlot = new Map<string, number>();
		for (const b of held) {
			const key = `${b.point_id}|${b.matter_id}|${b.slot_start}`;
			heldBySlot.set(key, (heldBySlot.get(key) ?? 0) + 1);
		}
		let overbooked = 0;
		for (const c of counts) {
			const key = `${c.point_id}|${c.matter_id}|${c.slot_start}`;
			const bookings = heldBySlot.get(key) ?? 0;
			const cap = capacity.get(`${c.point_id}|${c.matter_id}`) ?? 0;
			if (bookings > cap || c.booked > cap || c.booked !== bookings) overbooked++;
		}
		return { onServer, lost: ids.size - onServer, duplicated, overbooked };
	} finally {
		await conn.close();
	}
}

const results: Figures[] = [await runOn('sqlite', 4361)];
if (!values['skip-pg']) {
	try {
		results.push(await runOn('postgres', 4362));
	} catch (error) {
		console.log(`PostgreSQL skipped: ${(error as Error).message}`);
	}
}
console.log(
	`\nchaos: ${COUNT} applications from ${DEVICES} devices in requests of ${BATCH}, ${KILL_PROCESS ? 'one app process' : 'server'} SIGKILLed every 0.2–1.2 s, ~10 % of answers dropped (seed ${values.seed})`
);
for (const r of results) {
	console.log(
		`${r.kind.padEnd(9)} sent ${r.sent}  on server ${r.onServer}  lost ${r.lost}  duplicated ${r.duplicated}  overbooked ${r.overbooked}  5xx ${r.fivexx}   (${r.kills} kills, ${r.dropped} answers dropped, ${r.seconds.toFixed(1)} s, slowest answer ${Math.round(r.slowestMs)} ms)`
	);
}
const clean = results.every(
	(r) =>
		r.lost === 0 &&
		r.duplicated === 0 &&
		r.overbooked === 0 &&
		r.fivexx === 0 &&
		r.onServer === r.sent
);
console.log(clean ? 'nothing lost, duplicated or overbooked' : 'FAULTS FOUND');
process.exitCode = clean ? 0 : 1;
