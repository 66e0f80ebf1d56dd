import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChange } from '$lib/catalog-admin/describe-change';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import type { SignedInUser } from '../auth/sessions';
import { editDraft, readDraft } from './draft';
import { publishDraft } from './publish';
import { draftStaleness, rebaseDraft } from './rebase-draft';
import { readCatalogDocument } from './rows';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { entryDetails } from '../audit/describe';
import { auditEntries } from '../audit/log';

const user = (id: string, role: SignedInUser['role'], pointId: string | null): SignedInUser => ({
	id,
	username: id,
	displayName: id,
	role,
	pointId
});
const cityAdmin = user('li', 'admin', null);
const guliuAdmin = user('wang', 'town_admin', 'guliu-centre');
const city = { user: cityAdmin, townId: null };
const guliu = { user: guliuAdmin, townId: 'guliu' };
const MATTER = 'individual-business-registration';
const GULIU = 'guliu-centre';
const TUANWANG = 'tuanwang-centre';

for (const target of testDatabases()) {
	describe(`two administrators' drafts on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let original: Awaited<ReturnType<typeof readCatalogDocument>>;
		const phoneOf = async (id: string) =>
			(await readCatalogDocument(conn.db)).points.find((p) => p.id === id)!.phone;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			original = await readCatalogDocument(conn.db);
		});
		afterAll(async () => conn?.drop());

		it("publishing a draft begun before another's publication does not undo it", async () => {
			// 李 starts a draft from the catalogue as published: a matter's time limit, and 古柳's
			// centre's phone.
			expect(
				(
					await editDraft(conn, cityAdmin, (doc) => {
						doc.matters.find((x) => x.id === MATTER)!.promisedDays = 2;
						doc.points.find((p) => p.id === GULIU)!.phone = '0535-7111111';
						doc.points.find((p) => p.id === TUANWANG)!.counters = 9;
					})
				).ok
			).toBe(true);

			// Meanwhile 王, 古柳's administrator, publishes a new phone number and hours for the centre
			// from a draft of their own.
			expect(
				(
					await editDraft(conn, guliuAdmin, (doc) => {
						const centre = doc.points.find((p) => p.id === GULIU)!;
						centre.phone = '0535-7999999';
						centre.hours['7'] = [['09:00', '11:00']];
					})
				).ok
			).toBe(true);
			const town = await publishDraft(conn, guliu);
			expect(town).toMatchObject({ status: 'published' });
			const published = (town as { version: number }).version;

			// 李's draft is refused, as begun from the version before, and kept.
			expect(await publishDraft(conn, city)).toEqual({
				status: 'stale',
				base: published - 1,
				latest: published
			});
			expect(await phoneOf(GULIU)).toBe('0535-7999999');
			const draft = (await readDraft(conn.db, cityAdmin.id))!;
			expect(draft.base).toBe(published - 1);

			// What was published since, and where both changed the same thing.
			const stale = (await draftStaleness(conn.db, draft))!;
			expect(stale.since.map((c) => describeChange(c, 'zh'))).toEqual([
				expect.stringMatching(/^服务点「古柳街道便民服务中心」：电话 .* → 0535-7999999$/),
				expect.stringMatching(/^服务点「古柳街道便民服务中心」：开放时间 .*周日 09:00–11:00$/)
			]);
			expect(stale.conflicts).toHaveLength(1);
			expect(stale.conflicts[0]!.mine.map((c) => describeChange(c, 'zh'))).toEqual([
				expect.stringMatching(/电话 .* → 0535-7111111$/)
			]);
		});

		it('brings the draft up to date, keeping the newer published value where both changed it', async () => {
			const draft = (await readDraft(conn.db, cityAdmin.id))!;
			const stale = (await draftStaleness(conn.db, draft))!;
			// Chosen against a version that is no longer the newest: nothing is done.
			expect(await rebaseDraft(conn, cityAdmin, stale.latest - 1, new Set())).toEqual({
				status: 'moved',
				latest: stale.latest
			});
			expect(await rebaseDraft(conn, cityAdmin, stale.latest, new Set())).toEqual({
				status: 'rebased',
				from: stale.base,
				to: stale.latest,
				conflicts: 1,
				keptMine: 0
			});
			const rebased = (await readDraft(conn.db, cityAdmin.id))!;
			expect(rebased.base).toBe(stale.latest);
			expect(await draftStaleness(conn.db, rebased)).toBeNull();

			const result = await publishDraft(conn, city);
			expect(result.status).toBe('published');
			const now = await readCatalogDocument(conn.db);
			const centre = now.points.find((p) => p.id === GULIU)!;
			expect(centre.phone).toBe('0535-7999999');
			expect(centre.hours['7']).toEqual([['09:00', '11:00']]);
			expect(now.points.find((p) => p.id === TUANWANG)!.counters).toBe(9);
			expect(now.matters.find((x) => x.id === MATTER)!.promisedDays).toBe(2);

			const audit = await conn.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'catalog_rebase')
				.execute();
			expect(audit).toMatchObject([{ username: 'li' }]);
			expect(JSON.parse(audit[0]!.after)).toMatchObject({
				base: stale.latest,
				conflicts: 1,
				keptMine: 0
			});
			// What each clash was and which side was kept, in the reader's language.
			const [entry] = await auditEntries(
				conn.db,
				{ user: cityAdmin, townId: null },
				{
					action: 'catalog_rebase'
				}
			);
			const { snapshot } = await currentCatalog(conn.db);
			const details = () => entryDetails(entry!, snapshot).join('\n');
			expect(details()).toMatch(/电话 .* → 0535-7111111（保留已发布的值）/);
			overwriteGetLocale(() => 'en');
			try {
				expect(details()).toMatch(/Phone .* → 0535-7111111 \(the published value kept\)/);
			} finally {
				overwriteGetLocale(() => 'zh');
			}
		});

		it("takes the draft's value where the administrator chooses it", async () => {
			await editDraft(conn, cityAdmin, (doc) => {
				doc.points.find((p) => p.id === GULIU)!.phone = '0535-7222222';
			});
			await editDraft(conn, guliuAdmin, (doc) => {
				doc.points.find((p) => p.id === GULIU)!.phone = '0535-7333333';
			});
			expect((await publishDraft(conn, guliu)).status).toBe('published');
			const draft = (await readDraft(conn.db, cityAdmin.id))!;
			const stale = (await draftStaleness(conn.db, draft))!;
			const keep = new Set(stale.conflicts.map((c) => c.key));
			expect(await rebaseDraft(conn, cityAdmin, stale.latest, keep)).toMatchObject({
				status: 'rebased',
				keptMine: 1
			});
			expect((await publishDraft(conn, city)).status).toBe('published');
			expect(await phoneOf(GULIU)).toBe('0535-7222222');
			expect(original.points.find((p) => p.id === GULIU)!.phone).not.toBe('0535-7222222');
		});
	});
}
