import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import { migrateToLatest } from './migrate';

const point = (id: string, kind: string) => ({
	id,
	town_id: 'chengxiang',
	kind: kind as 'city',
	name_zh: id,
	name_en: id,
	address_zh: '莱阳市',
	address_en: 'Laiyang',
	lat: 36.97,
	lng: 120.71,
	phone: '0535-7000000',
	hours: '{}',
	counters: 3
});

for (const target of testDatabases()) {
	describe(`the city-hall kind and drafts of one's own, added to a catalogue in use, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create({ migrate: false });
			await migrateToLatest(conn.db, '014_ticket_first_call');
			const db = conn.db;
			await db
				.insertInto('towns')
				.values({
					id: 'chengxiang',
					name_zh: '城厢街道',
					name_en: 'Chengxiang',
					kind: 'subdistrict',
					sort: 1
				})
				.execute();
			await db
				.insertInto('categories')
				.values({ id: 'c', name_zh: '类', name_en: 'C', ticket_prefix: 'A', sort: 0 })
				.execute();
			await db
				.insertInto('departments')
				.values({ id: 'd', name_zh: '部门', name_en: 'D' })
				.execute();
			await db
				.insertInto('matters')
				.values({
					id: 'm1',
					code: 'M1',
					category_id: 'c',
					department_id: 'd',
					name_zh: '事项',
					name_en: 'Matter',
					summary_zh: '',
					summary_en: '',
					conditions: '[]',
					promised_days: 1,
					legal_days: 1,
					fee_zh: '',
					fee_en: '',
					legal_basis: '[]',
					visits: 1,
					questions: '[]',
					form: '[]',
					sort: 0
				})
				.execute();
			await db
				.insertInto('points')
				.values([point('p-centre', 'centre'), point('p-village', 'village')])
				.execute();
			await db
				.insertInto('point_closures')
				.values({
					point_id: 'p-centre',
					date: '2026-10-01',
					reason_zh: '国庆',
					reason_en: 'National Day'
				})
				.execute();
			await db
				.insertInto('point_matters')
				.values({
					point_id: 'p-centre',
					matter_id: 'm1',
					slot_minutes: 15,
					capacity: 2,
					min_hours_ahead: 1,
					max_days_ahead: 14
				})
				.execute();
			// The one shared draft there was, last saved by 李明, with version 3 the newest.
			const at = new Date().toISOString();
			const admin = (id: string, name: string) => ({
				id,
				username: id,
				display_name: name,
				role: 'admin' as const,
				point_id: null,
				password_hash: 'x',
				created_at: at
			});
			await db
				.insertInto('users')
				.values([admin('first', '王芳'), admin('liming', '李明')])
				.execute();
			await db
				.insertInto('catalog_versions')
				.values([1, 2, 3].map((version) => ({ version, document: '{}', published_at: at })))
				.execute();
			await sql`insert into catalog_drafts (id, document, updated_by_name, updated_at)
				values ('current', '{"points":[]}', '李明', ${at})`.execute(db);
			await migrateToLatest(conn.db);
		});
		afterAll(async () => conn?.drop());

		it('keeps every point and what refers to it', async () => {
			const points = await conn.db.selectFrom('points').selectAll().orderBy('id').execute();
			expect(points).toEqual([point('p-centre', 'centre'), point('p-village', 'village')]);
			const served = await conn.db
				.selectFrom('point_matters')
				.innerJoin('points', 'points.id', 'point_matters.point_id')
				.innerJoin('point_closures', 'point_closures.point_id', 'points.id')
				.select(['points.id', 'point_matters.matter_id', 'point_closures.date'])
				.execute();
			expect(served).toEqual([{ id: 'p-centre', matter_id: 'm1', date: '2026-10-01' }]);
		});

		it('gives the shared draft to the administrator who last saved it, begun from the newest version', async () => {
			expect(await conn.db.selectFrom('catalog_drafts').selectAll().execute()).toMatchObject([
				{ id: 'liming', document: '{"points":[]}', base_version: 3, updated_by_name: '李明' }
			]);
		});

		it('takes a city hall, refuses an unknown kind, and still cascades from a point', async () => {
			await conn.db.insertInto('points').values(point('p-city', 'city')).execute();
			await expect(
				conn.db.insertInto('points').values(point('p-bad', 'palace')).execute()
			).rejects.toThrow();
			// A point's closures and slot rules still follow it (the foreign keys name the new table).
			await conn.db.deleteFrom('points').where('id', '=', 'p-centre').execute();
			expect(await conn.db.selectFrom('point_matters').selectAll().execute()).toEqual([]);
			expect(await conn.db.selectFrom('point_closures').selectAll().execute()).toEqual([]);
			// A slot rule for a point that does not exist is refused.
			await expect(
				conn.db
					.insertInto('point_matters')
					.values({
						point_id: 'nowhere',
						matter_id: 'm1',
						slot_minutes: 15,
						capacity: 1,
						min_hours_ahead: 1,
						max_days_ahead: 1
					})
					.execute()
			).rejects.toThrow();
		});
	});
}
