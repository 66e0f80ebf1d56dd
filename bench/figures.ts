// Time of each view of the city figures (/admin/figures), with and without filters, on PostgreSQL
// with 1,000,000 applications and on SQLite with 100,000. Budget: every view ≤ 500 ms.
// The history is generated once (`seedHistory`) in the schema `bench_figures` of --pg and in
// data/bench-figures.db, and reused while its size matches; --fresh makes it again.
// Usage: npx tsx bench/figures.ts [--pg postgres://…] [--pg-count 1000000] [--sqlite-count 100000]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addDays } from '../src/lib/catalog/dates';
import { currentCatalog } from '../src/lib/server/catalog/cache';
import { calendarSince, prefillCalendar } from '../src/lib/server/calendar/national';
import { connect, type Connection } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { FigureFilter } from '../src/lib/server/figures/filters';
import { foldFigures } from '../src/lib/server/figures/fold';
import { rebuildFiguresIfMissing } from '../src/lib/server/figures/rebuild';
import { followUps } from '../src/lib/server/figures/follow-ups';
import { satisfactionFigures } from '../src/lib/server/figures/satisfaction';
import { timeFigures } from '../src/lib/server/figures/time';
import { volumeFigures } from '../src/lib/server/figures/volume';
import { seedDemo } from '../src/lib/server/seed/seed-demo';
import { seedHistory } from '../src/lib/server/seed/history';
import { withSearchPath } from '../src/lib/server/testing/databases';
import { serviceClock } from '../src/lib/time';

const { values } = parseArgs({
	options: {
		pg: {
			type: 'string',
			default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
		},
		'pg-count': { type: 'string', default: '1000000' },
		'sqlite-count': { type: 'string', default: '100000' },
		'skip-pg': { type: 'boolean', default: false },
		'skip-sqlite': { type: 'boolean', default: false },
		fresh: { type: 'boolean', default: false },
		runs: { type: 'string', default: '5' }
	}
});
const BUDGET_MS = 500;
const RUNS = Number(values.runs);
const SCHEMA = 'bench_figures';

async function historySize(conn: Connection): Promise<number> {
	const row = await conn.db
		.selectFrom('meta')
		.select('value')
		.where('key', '=', 'bench_history')
		.executeTakeFirst()
		.catch(() => undefined);
	return Number(row?.value ?? 0);
}

async function prepare(conn: Connection, count: number): Promise<void> {
	await migrateToLatest(conn.db);
	if (!values.fresh && (await historySize(conn)) === count) {
		console.log(`  reusing ${count} applications`);
		// As the server does at start: figures a history from before them lacks (ratings per clerk).
		await rebuildFiguresIfMissing(conn);
		return;
	}
	await seedDemo(conn.db);
	await prefillCalendar(conn.db, calendarSince());
	const catalog = (await currentCatalog(conn.db)).snapshot;
	const done = await seedHistory(conn, catalog, count, {
		log: (line) => process.stdout.write(`\r  ${line}   `)
	});
	console.log(
		`\n  generated ${done.applications} applications, ${done.rows} rows in ${done.seconds.toFixed(0)} s`
	);
	await conn.db
		.insertInto('meta')
		.values({ key: 'bench_history', value: String(count) })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: String(count) }))
		.execute();
	await foldFigures(conn);
	if (conn.kind === 'postgres') {
		const { sql } = await import('kysely');
		// As autovacuum would after a bulk load: statistics, and the visibility map index-only scans need.
		await sql`vacuum analyze`.execute(conn.db);
	}
}

async function measure(conn: Connection): Promise<boolean> {
	const catalog = (await currentCatalog(conn.db)).snapshot;
	const today = serviceClock().date;
	const month: FigureFilter = {
		from: addDays(today, -29),
		to: today,
		townId: null,
		pointId: null,
		matterId: null,
		grain: 'day'
	};
	const year: FigureFilter = { ...month, from: addDays(today, -364), grain: 'week' };
	const filters: [string, FigureFilter][] = [
		['30 days, whole city', month],
		['a year by week, whole city', year],
		['a year, one town', { ...year, townId: 'chengxiang' }],
		['a year, one point', { ...year, townId: 'chengxiang', pointId: 'chengxiang-centre' }],
		['a year, one matter', { ...year, matterId: 'individual-business-registration' }],
		['30 days, town and matter', { ...month, townId: 'tuanwang', matterId: 'elderly-allowance' }]
	];
	const views: [string, (f: FigureFilter) => Promise<unknown>][] = [
		['volume', (f) => volumeFigures(conn.db, catalog, f)],
		['time', (f) => timeFigures(conn.db, catalog, f)],
		[
			'satisfaction',
			(f) => Promise.all([satisfactionFigures(conn.db, catalog, f), followUps(conn.db, f)])
		]
	];
	let ok = true;
	for (const [name, view] of views) {
		for (const [label, f] of filters) {
			await view(f);
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) {
				const t = performance.now();
				await view(f);
				times.push(performance.now() - t);
			}
			times.sort((a, b) => a - b);
			const median = times[Math.floor(times.length / 2)]!;
			const worst = times.at(-1)!;
			const pass = worst <= BUDGET_MS;
			ok &&= pass;
			console.log(
				`  ${name.padEnd(13)} ${label.padEnd(28)} median ${median.toFixed(0).padStart(4)} ms, worst ${worst.toFixed(0).padStart(4)} ms ${pass ? '' : '  OVER BUDGET'}`
			);
		}
	}
	return ok;
}

let allOk = true;
if (!values['skip-pg']) {
	const count = Number(values['pg-count']);
	console.log(`PostgreSQL, ${count} applications (schema ${SCHEMA}):`);
	const admin = new pg.Client({ connectionString: values.pg });
	await admin.connect();
	if (values.fresh) await admin.query(`drop schema if exists ${SCHEMA} cascade`);
	await admin.query(`create schema if not exists ${SCHEMA}`);
	await admin.end();
	const conn = connect(withSearchPath(values.pg, SCHEMA), { poolSize: 4 });
	try {
		await prepare(conn, count);
		allOk = (await measure(conn)) && allOk;
	} finally {
		await conn.close();
	}
}
if (!values['skip-sqlite']) {
	const count = Number(values['sqlite-count']);
	console.log(`SQLite, ${count} applications (data/bench-figures.db):`);
	const conn = connect('data/bench-figures.db');
	try {
		await prepare(conn, count);
		allOk = (await measure(conn)) && allOk;
	} finally {
		await conn.close();
	}
}
console.log(allOk ? `Every view within ${BUDGET_MS} ms.` : `Some views over ${BUDGET_MS} ms.`);
process.exit(allOk ? 0 : 1);
