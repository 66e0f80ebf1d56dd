import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, search } from '$lib/catalog/search';
import { buildSnapshot } from '../catalog/snapshot';
import { currentCatalog } from '../catalog/cache';
import { seedDemo, seedDemoIfEmpty } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { latestSchemaVersion, migrateToLatest, schemaVersion } from './migrate';

for (const target of testDatabases()) {
	describe(`catalogue data layer on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;

		beforeAll(async () => {
			conn = await target.create();
			expect(await seedDemoIfEmpty(conn.db)).toBe(true);
		});
		afterAll(async () => conn?.drop());

		it('migrates to the latest schema, and again without harm', async () => {
			await migrateToLatest(conn.db);
			expect(await schemaVersion(conn.db)).toBe(latestSchemaVersion);
		});

		it('leaves a seeded database alone', async () => {
			expect(await seedDemoIfEmpty(conn.db)).toBe(false);
		});

		it('holds the 18 towns, a centre in each, and the village and proxy points', async () => {
			const snapshot = await buildSnapshot(conn.db);
			expect(snapshot.towns).toHaveLength(18);
			expect(snapshot.towns.map((t) => t.name.zh)).toEqual(
				expect.arrayContaining(['城厢街道', '龙旺庄街道', '吕格庄镇', '山前店镇', '大夼镇'])
			);
			for (const town of snapshot.towns) {
				const centres = snapshot.points.filter((p) => p.townId === town.id && p.kind === 'centre');
				expect(centres, town.id).toHaveLength(1);
			}
			expect(snapshot.points.filter((p) => p.kind !== 'centre').length).toBeGreaterThanOrEqual(120);
			const closed = snapshot.points.find((p) => p.id === 'guliu-centre')!;
			expect(closed.closures.map((c) => c.date)).toContain('2026-12-18');
		});

		it('holds at least 30 matters with whole guides, the report’s four among them', async () => {
			const snapshot = await buildSnapshot(conn.db);
			expect(snapshot.matters.length).toBeGreaterThanOrEqual(30);
			const names = snapshot.matters.map((m) => m.name.zh);
			for (const name of [
				'个体工商户登记',
				'农民专业合作社登记',
				'困难残疾人生活补贴',
				'就业困难人员认定'
			]) {
				expect(
					names.some((n) => n.includes(name)),
					name
				).toBe(true);
			}
			for (const matter of snapshot.matters) {
				expect(matter.materials.length, matter.id).toBeGreaterThan(0);
				expect(matter.conditions.length, matter.id).toBeGreaterThan(0);
				expect(matter.legalBasis.length, matter.id).toBeGreaterThan(0);
				expect(matter.promisedDays, matter.id).toBeLessThanOrEqual(matter.legalDays);
				expect(matter.name.en, matter.id).not.toBe('');
				expect(matter.aliases.length, matter.id).toBeGreaterThan(0);
			}
			const handled = new Set(snapshot.points.flatMap((p) => p.services.map((s) => s.matterId)));
			for (const matter of snapshot.matters) expect(handled.has(matter.id), matter.id).toBe(true);
		});

		it('keeps bundles of existing matters', async () => {
			const snapshot = await buildSnapshot(conn.db);
			const ids = new Set(snapshot.matters.map((m) => m.id));
			expect(snapshot.bundles.length).toBeGreaterThanOrEqual(2);
			for (const bundle of snapshot.bundles) {
				expect(bundle.matterIds.length).toBeGreaterThanOrEqual(2);
				for (const id of bundle.matterIds) expect(ids.has(id), id).toBe(true);
			}
		});

		it('computes pinyin and initials for search', async () => {
			const snapshot = await buildSnapshot(conn.db);
			const business = snapshot.matters.find((m) => m.name.zh === '个体工商户登记')!;
			expect(business.initials.startsWith('gtgsh')).toBe(true);
			expect(business.pinyin.startsWith('getigongshanghu')).toBe(true);
			const alias = business.aliases.indexOf('个体户');
			expect([business.aliasPinyin[alias], business.aliasInitials[alias]]).toEqual([
				'getihu',
				'gth'
			]);
		});

		it('finds matters by the words residents use, the right one first', async () => {
			const index = buildSearchIndex(await buildSnapshot(conn.db));
			const first = (query: string) => search(index, query).matters[0]?.id;
			expect(first('低保')).toBe('minimum-living-allowance');
			expect(first('残疾证')).toBe('disability-certificate');
			for (const query of [
				'营业执照',
				'个体户',
				'getihu',
				'ge ti hu',
				'gth',
				'营业执找',
				'getihv'
			]) {
				expect(first(query), query).toBe('individual-business-registration');
			}
			expect(first('社保卡')).toBe('social-security-card');
			expect(first('医保')).toBe('resident-medical-insurance-enrolment');
			expect(first('新农合')).toBe('resident-medical-insurance-enrolment');
			expect(first('养老金')).toBe('resident-pension-benefit');
			expect(first('准生证')).toBe('birth-registration');
			expect(first('welfare')).toBe('minimum-living-allowance');
		});

		it('gives a new version when the catalogue changes, and the same one when it does not', async () => {
			const before = await currentCatalog(conn.db);
			expect((await currentCatalog(conn.db)).etag).toBe(before.etag);
			await conn.db
				.updateTable('matters')
				.set({ name_zh: '个体工商户登记（新）' })
				.where('id', '=', 'individual-business-registration')
				.execute();
			const { bumpCatalogRevision } = await import('../catalog/revision');
			await bumpCatalogRevision(conn.db);
			const after = await currentCatalog(conn.db);
			expect(after.etag).not.toBe(before.etag);
			expect(
				after.snapshot.matters.find((m) => m.id === 'individual-business-registration')?.name.zh
			).toBe('个体工商户登记（新）');
			await seedDemo(conn.db);
			expect((await currentCatalog(conn.db)).etag).toBe(before.etag);
		});
	});
}
