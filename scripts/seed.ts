// `npm run seed`: loads the demo catalogue into the database (DATABASE_URL, else the SQLite file),
// or with `--points N --matters M` a synthetic catalogue of that size, built on the demo one;
// `--history N` then adds a year of N generated applications with their visits and figures.
import { parseArgs } from 'node:util';
import { connect } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { demoCatalogRows } from '../src/lib/server/seed/demo-catalog';
import { syntheticCatalogRows } from '../src/lib/server/seed/synthetic';
import { writeCatalog } from '../src/lib/server/seed/write-catalog';
import { seedDemoUsersIfNone } from '../src/lib/server/seed/demo-users';
import { seedHistory } from '../src/lib/server/seed/history';
import { currentCatalog } from '../src/lib/server/catalog/cache';
import { calendarSince, prefillCalendar } from '../src/lib/server/calendar/national';

const { values } = parseArgs({
	options: {
		points: { type: 'string' },
		matters: { type: 'string' },
		history: { type: 'string' },
		database: { type: 'string' }
	}
});

const url =
	values.database ?? process.env.DATABASE_URL ?? process.env.SQLITE_FILE ?? 'data/one-window.db';
const size = (name: 'points' | 'matters') => {
	const raw = values[name];
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 100_000) {
		console.error(`--${name} must be a whole number from 1 to 100000, got "${raw}"`);
		process.exit(2);
	}
	return n;
};

const history = values.history === undefined ? undefined : Number(values.history);
if (history !== undefined && (!Number.isInteger(history) || history < 1 || history > 10_000_000)) {
	console.error(`--history must be a whole number from 1 to 10000000, got "${values.history}"`);
	process.exit(2);
}
const points = size('points');
const matters = size('matters');
const conn = connect(url);
try {
	await migrateToLatest(conn.db);
	const demo = demoCatalogRows();
	const rows =
		points || matters
			? syntheticCatalogRows(demo, {
					points: points ?? demo.points.length,
					matters: matters ?? demo.matters.length
				})
			: demo;
	await writeCatalog(conn.db, rows);
	await seedDemoUsersIfNone(conn.db);
	console.log(
		`Seeded ${conn.kind}: ${rows.towns.length} towns, ${rows.points.length} points, ${rows.matters.length} matters, ${rows.bundles.length} bundles.`
	);
	if (history) {
		await prefillCalendar(conn.db, calendarSince());
		const catalog = (await currentCatalog(conn.db)).snapshot;
		const done = await seedHistory(conn, catalog, history, { log: (l) => console.log(l) });
		console.log(
			`History: ${done.applications} applications, ${done.rows} rows in ${done.seconds.toFixed(1)} s.`
		);
	}
} finally {
	await conn.close();
}
