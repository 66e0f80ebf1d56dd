// `npm run seed`: loads the demo catalogue into the database (DATABASE_URL, else the SQLite file),
// or with `--points N --matters M` a synthetic catalogue of that size, built on the demo one.
import { parseArgs } from 'node:util';
import { connect } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { demoCatalogRows } from '../src/lib/server/seed/demo-catalog';
import { syntheticCatalogRows } from '../src/lib/server/seed/synthetic';
import { writeCatalog } from '../src/lib/server/seed/write-catalog';
import { seedDemoUsersIfNone } from '../src/lib/server/seed/demo-users';

const { values } = parseArgs({
	options: {
		points: { type: 'string' },
		matters: { type: 'string' },
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
} finally {
	await conn.close();
}
