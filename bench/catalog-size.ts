// What the catalogue costs a phone: the whole snapshot and the compact form for 1,600 points ×
// 300 matters, raw and with Brotli as the server sends them, and a one-matter edit as a delta.
// Budget: compact ≤ 150 KB compressed.
// Usage: npm run build && npx tsx bench/catalog-size.ts [--points 1600] [--matters 300]
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { startServer } from './support/server';

const { values } = parseArgs({
	options: {
		points: { type: 'string', default: '1600' },
		matters: { type: 'string', default: '300' }
	}
});
const server = await startServer({
	port: 4344,
	points: Number(values.points),
	matters: Number(values.matters),
	// One process: the one that served the first version answers the delta from it.
	env: { WEB_CONCURRENCY: '1' }
});
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

async function size(path: string, encoding: string) {
	const res = await fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': encoding } });
	const bytes = (await res.arrayBuffer()).byteLength;
	return { bytes, version: JSON.parse(res.headers.get('etag') ?? '""') as string };
}

try {
	// fetch() decodes; the wire size is read with decompression left to us.
	const wire = async (path: string) => {
		const { default: http } = await import('node:http');
		return new Promise<number>((resolve, reject) => {
			http
				.get(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'br' } }, (res) => {
					let n = 0;
					res.on('data', (c: Buffer) => (n += c.length));
					res.on('end', () => resolve(n));
				})
				.on('error', reject);
		});
	};
	const whole = await size('/api/catalog', 'identity');
	const compact = await size('/api/catalog?format=2', 'identity');
	console.log(`catalogue of ${values.points} points × ${values.matters} matters`);
	console.log(
		`  whole snapshot   raw ${kb(whole.bytes)}   brotli ${kb(await wire('/api/catalog'))}`
	);
	const compactWire = await wire('/api/catalog?format=2');
	console.log(
		`  compact          raw ${kb(compact.bytes)}   brotli ${kb(compactWire)}   (budget ≤ 150 KB: ${compactWire <= 150 * 1024 ? 'met' : 'NOT met'})`
	);
	// One matter's promised time changes, as an administrator's publish would.
	const db = new SQLite(server.dbFile);
	db.prepare(
		`update matters set promised_days = promised_days + 1 where id = (select min(id) from matters)`
	).run();
	db.prepare(
		`insert into meta (key, value) values ('catalog_revision', '1')
		 on conflict (key) do update set value = cast(cast(value as integer) + 1 as text)`
	).run();
	db.close();
	const path = `/api/catalog?format=2&from=${compact.version}`;
	const delta = await size(path, 'identity');
	console.log(
		`  one-matter edit  raw ${kb(delta.bytes)}   brotli ${kb(await wire(path))}   (a delta)`
	);
} finally {
	await server.stop();
}
