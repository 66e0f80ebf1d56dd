import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync } from 'node:zlib';
import {
	compactCatalog,
	expandCatalog,
	mergeTowns,
	partialCatalog,
	type CompactCatalog
} from '$lib/catalog/compact';
import { applyDelta, diffCatalog, type CatalogDelta } from '$lib/catalog/delta';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { demoCatalogRows } from '../seed/demo-catalog';
import { seedDemo } from '../seed/seed-demo';
import { syntheticCatalogRows } from '../seed/synthetic';
import { writeCatalog } from '../seed/write-catalog';
import { testDatabases } from '../testing/databases';
import { currentCatalog } from './cache';
import { bumpCatalogRevision } from './revision';
import { buildSnapshot } from './snapshot';

/** The snapshot with each point's rules in one order: the order a list came in is not content. */
const canonical = (s: CatalogSnapshot) => ({
	...s,
	points: s.points.map((p) => ({
		...p,
		services: [...p.services].sort((a, b) => (a.matterId < b.matterId ? -1 : 1))
	}))
});

const sqlite = testDatabases()[0]!;

describe('the compact catalogue', () => {
	let conn: Awaited<ReturnType<typeof sqlite.create>>;
	let snapshot: CatalogSnapshot;

	beforeAll(async () => {
		conn = await sqlite.create();
		await writeCatalog(
			conn.db,
			syntheticCatalogRows(demoCatalogRows(), { points: 400, matters: 80 })
		);
		snapshot = await buildSnapshot(conn.db);
	});
	afterAll(async () => conn?.drop());

	it('expands to the very snapshot it was made from', () => {
		const compact = compactCatalog(snapshot);
		expect(canonical(expandCatalog(JSON.parse(JSON.stringify(compact))))).toEqual(
			canonical(snapshot)
		);
	});

	it('repeats no rule: a point carries only the rules that differ from its matter’s', () => {
		const edited = structuredClone(snapshot);
		const point = edited.points.find((p) => p.services.length > 3)!;
		point.services[1]!.capacity += 7;
		const compact = compactCatalog(edited);
		const sent = compact.points.find((p) => p.id === point.id)!;
		expect(sent.rules).toEqual({
			[point.services[1]!.matterId]: [
				point.services[1]!.slotMinutes,
				point.services[1]!.capacity,
				point.services[1]!.minHoursAhead,
				point.services[1]!.maxDaysAhead
			]
		});
		expect(compact.points.filter((p) => p.rules)).toHaveLength(1);
		expect(Object.keys(compact.rules)).toHaveLength(edited.matters.length);
		expect(compact.points.some((p) => 'services' in p)).toBe(false);
		expect(canonical(expandCatalog(compact))).toEqual(canonical(edited));
	});

	it('goes from one version to the next by a delta of what changed, and only that', () => {
		const old = compactCatalog(snapshot);
		const edited = structuredClone(snapshot);
		edited.version = 'next';
		edited.matters[3]!.promisedDays = 2;
		const moved = edited.points[10]!;
		moved.hours = { '1': [['09:00', '11:00']] };
		edited.points = edited.points.filter((p) => p.id !== edited.points[20]!.id);
		edited.matters.push({ ...structuredClone(edited.matters[0]!), id: 'new-matter', code: 'X-1' });
		edited.points[0]!.services.push({ ...edited.points[0]!.services[0]!, matterId: 'new-matter' });
		edited.calendar = {
			...edited.calendar,
			holidays: { '2027-01-01': { zh: '元旦', en: 'New Year' } }
		};
		const next = compactCatalog(edited);

		const delta = diffCatalog(old, next);
		expect(delta.upsert.matters?.map((m) => m.id).sort()).toEqual(
			[edited.matters[3]!.id, 'new-matter'].sort()
		);
		expect(delta.remove.points).toEqual([snapshot.points[20]!.id]);
		expect(delta.upsert.points?.map((p) => p.id)).toContain(moved.id);
		expect(delta.calendar).toEqual(edited.calendar);
		const applied = applyDelta(JSON.parse(JSON.stringify(old)), JSON.parse(JSON.stringify(delta)));
		expect(applied).toEqual(next);
		expect(canonical(expandCatalog(applied))).toEqual(canonical(edited));
		expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(next).length / 4);
	});

	it('refuses a delta from another version than the one held', () => {
		const old = compactCatalog(snapshot);
		const delta = diffCatalog({ ...old, version: 'other' }, old);
		expect(() => applyDelta(old, delta)).toThrow();
	});

	it('is small for a city: 1,600 points × 300 matters within 150 KB compressed', async () => {
		const big = await target1600();
		const bytes = brotliCompressSync(JSON.stringify(compactCatalog(big))).length;
		expect(bytes).toBeLessThan(150 * 1024);
	}, 120_000);
});

async function target1600(): Promise<CatalogSnapshot> {
	const conn = await sqlite.create();
	try {
		await writeCatalog(
			conn.db,
			syntheticCatalogRows(demoCatalogRows(), { points: 1600, matters: 300 })
		);
		return await buildSnapshot(conn.db);
	} finally {
		await conn.drop();
	}
}

for (const target of testDatabases()) {
	describe(`catalogue deltas served on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
		});
		afterAll(async () => conn?.drop());

		it('gives a phone holding the last version only what changed, which brings it level', async () => {
			const first = await currentCatalog(conn.db);
			const held = JSON.parse(first.compact.json.toString()) as CompactCatalog;
			await conn.db
				.updateTable('matters')
				.set({ promised_days: 3 })
				.where('id', '=', 'individual-business-registration')
				.execute();
			await bumpCatalogRevision(conn.db);

			const next = await currentCatalog(conn.db);
			expect(next.snapshot.version).not.toBe(first.snapshot.version);
			const delta = JSON.parse(next.deltaFrom(held.version)!.json.toString()) as CatalogDelta;
			expect(delta.upsert.matters?.map((m) => m.id)).toEqual(['individual-business-registration']);
			expect(delta.upsert.points).toBeUndefined();
			const level = applyDelta(held, delta);
			expect(level).toEqual(JSON.parse(next.compact.json.toString()));
			expect(
				expandCatalog(level).matters.find((m) => m.id === delta.upsert.matters![0]!.id)
			).toMatchObject({ promisedDays: 3 });
			expect(next.deltaFrom('unknown-version')).toBeNull();

			// A phone already level (one that asks without its ETag) gets an empty difference.
			const none = JSON.parse(next.deltaFrom(next.snapshot.version)!.json.toString());
			expect(none).toMatchObject({ from: next.snapshot.version, upsert: {}, remove: {} });
			expect(applyDelta(level, none)).toEqual(level);
		});

		it('serves a request that read an earlier revision from the later snapshot it holds, building none anew', async () => {
			await bumpCatalogRevision(conn.db);
			const latest = await currentCatalog(conn.db);
			expect(await currentCatalog(conn.db, latest.revision - 1)).toBe(latest);
			expect(await currentCatalog(conn.db)).toBe(latest);
		});
	});
}

describe('a province’s catalogue in parts', () => {
	it('sends a phone its towns’ points first, and adds others on demand', async () => {
		const conn = await sqlite.create();
		try {
			await seedDemo(conn.db);
			const whole = compactCatalog(await buildSnapshot(conn.db));
			const [home, neighbour, far] = whole.towns.map((t) => t.id);
			const first = partialCatalog(whole, [home!, neighbour!]);
			expect(first.towns).toHaveLength(whole.towns.length);
			expect(first.matters).toHaveLength(whole.matters.length);
			expect(new Set(first.points.map((p) => p.townId))).toEqual(new Set([home, neighbour]));
			expect(first.partial.towns).toEqual([home, neighbour]);

			const more = mergeTowns(first, partialCatalog(whole, [far!]));
			expect(more.partial?.towns).toEqual([home, neighbour, far]);
			const expected = whole.points.filter((p) => [home, neighbour, far].includes(p.townId));
			expect(more.points).toEqual(expected);
			for (const p of more.points) expect(more.hours[p.hours]).toEqual(whole.hours[p.hours]);
		} finally {
			await conn.drop();
		}
	});
});
