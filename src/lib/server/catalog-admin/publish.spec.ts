import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_BIRTH } from '$lib/catalog/types';
import { describeChange } from '$lib/catalog-admin/describe-change';
import { nextSlots } from '../testing/applications';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { pullChanges } from '../sync/pull';
import { insertBooking } from '../testing/bookings';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import type { SignedInUser } from '../auth/sessions';
import { discardDraft, editDraft, readDraft } from './draft';
import { previewDraft, publishDocument, publishDraft, restoreVersion } from './publish';
import { readCatalogDocument } from './rows';
import { validateDocument } from './validate';
import { toMinutes } from '$lib/time';
import { latestVersion, listAffected, listVersions, versionSummary } from './versions';
import { setCalendarDay } from '../calendar/national';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { entryDetails } from '../audit/describe';
import { auditEntries } from '../audit/log';

const admin: SignedInUser = {
	id: 'u-admin',
	username: 'admin',
	displayName: '市管理员',
	role: 'admin',
	pointId: null
};
const city = { user: admin, townId: null };
const MATTER = 'individual-business-registration';
const POINT = 'chengxiang-centre';

for (const target of testDatabases()) {
	describe(`publishing the catalogue on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			await addTestUser(conn.db, admin);
		});
		afterAll(async () => conn?.drop());

		it('reads the seeded catalogue as a document that passes the seed schemas', async () => {
			const doc = await readCatalogDocument(conn.db);
			expect(validateDocument(doc)).toMatchObject({ ok: true });
			expect(doc.points.find((p) => p.id === POINT)?.services.length).toBeGreaterThan(0);
		});

		it('refuses a whole-number field whose bounds are fractions, naming the bound', async () => {
			const doc = await readCatalogDocument(conn.db);
			const matter = doc.matters.find((x) => x.id === MATTER)!;
			const i = matter.form.findIndex((f) => f.key === 'employees');
			Object.assign(matter.form[i]!, { min: 1.2, max: 1.8 });
			const result = validateDocument(doc);
			expect(result.ok).toBe(false);
			const m = doc.matters.indexOf(matter);
			expect(!result.ok && result.issues).toEqual([
				{ path: ['matters', m, 'form', i, 'min'], code: 'integer' },
				{ path: ['matters', m, 'form', i, 'max'], code: 'integer' }
			]);
		});

		it('refuses a form field no resident could fill: a list of fewer than two choices, no room for a word, bounds the wrong way round', async () => {
			const doc = await readCatalogDocument(conn.db);
			const m = doc.matters.findIndex((x) => x.id === MATTER);
			const form = doc.matters[m]!.form;
			const at = (key: string) => form.findIndex((f) => f.key === key);
			form.push(
				{ key: 'empty', type: 'select', zh: '空选择', en: 'Empty', required: true, options: [] },
				{
					key: 'one',
					type: 'select',
					zh: '一项',
					en: 'One',
					required: false,
					options: [{ value: 'a', zh: '甲', en: 'A' }]
				},
				{ key: 'none', type: 'text', zh: '零长度', en: 'Zero', required: true, maxLength: 0 },
				{
					key: 'upside',
					type: 'number',
					zh: '倒置',
					en: 'Upside',
					required: true,
					min: 100,
					max: 1
				}
			);
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{ path: ['matters', m, 'form', at('empty'), 'options'], code: 'min_length', detail: 2 },
				{ path: ['matters', m, 'form', at('one'), 'options'], code: 'min_length', detail: 2 },
				{ path: ['matters', m, 'form', at('none'), 'maxLength'], code: 'min_value', detail: 1 },
				{ path: ['matters', m, 'form', at('upside'), 'max'], code: 'bound_order' }
			]);
		});

		it('refuses a slot longer than any of the point’s opening spans: it would fit no day', async () => {
			const doc = await readCatalogDocument(conn.db);
			const p = doc.points.findIndex((x) => x.id === POINT);
			const point = doc.points[p]!;
			const longest = Math.max(
				...Object.values(point.hours).flatMap((spans) =>
					spans.map(([a, b]) => toMinutes(b) - toMinutes(a))
				)
			);
			point.services[0]!.slotMinutes = longest + 5;
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{ path: ['points', p, 'services', 0, 'slotMinutes'], code: 'max_value', detail: longest }
			]);
			point.services[0]!.slotMinutes = longest;
			expect(validateDocument(doc).ok).toBe(true);
		});

		it('refuses a slot rule whose least notice is as long as the days bookable ahead: no time could be booked', async () => {
			const doc = await readCatalogDocument(conn.db);
			const p = doc.points.findIndex((x) => x.id === POINT);
			Object.assign(doc.points[p]!.services[0]!, { minHoursAhead: 48, maxDaysAhead: 2 });
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{ path: ['points', p, 'services', 0, 'minHoursAhead'], code: 'ahead_window' }
			]);
			Object.assign(doc.points[p]!.services[0]!, { minHoursAhead: 47 });
			expect(validateDocument(doc).ok).toBe(true);
		});

		it('refuses two towns, categories or departments of one name: a resident could not tell them apart', async () => {
			const doc = await readCatalogDocument(conn.db);
			const [first] = doc.towns;
			doc.towns.push({ ...first!, id: 'new-town', en: 'New Town' });
			doc.categories.push({ ...doc.categories[0]!, id: 'new-category', zh: '新类别' });
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{
					path: ['categories', doc.categories.length - 1, 'en'],
					code: 'duplicate',
					detail: doc.categories[0]!.en
				},
				{ path: ['towns', doc.towns.length - 1, 'zh'], code: 'duplicate', detail: first!.zh }
			]);
		});

		it('refuses a choice repeated within a situation question or a list field, at the repeat', async () => {
			const doc = await readCatalogDocument(conn.db);
			const m = doc.matters.findIndex((x) => x.questions.some((q) => q.options.length >= 2));
			const matter = doc.matters[m]!;
			const q = matter.questions.findIndex((x) => x.options.length >= 2);
			const question = matter.questions[q]!;
			question.options.push({ ...question.options[0]!, zh: '又一项' });
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{
					path: ['matters', m, 'questions', q, 'options', question.options.length - 1, 'id'],
					code: 'duplicate',
					detail: question.options[0]!.id
				}
			]);

			const other = await readCatalogDocument(conn.db);
			const n = other.matters.findIndex((x) => x.form.some((f) => f.type === 'select'));
			const f = other.matters[n]!.form.findIndex((x) => x.type === 'select');
			const field = other.matters[n]!.form[f] as { options: { value: string }[] };
			field.options.push({ ...field.options[0]!, zh: '又一项' } as { value: string });
			const listed = validateDocument(other);
			expect(!listed.ok && listed.issues).toEqual([
				{
					path: ['matters', n, 'form', f, 'options', field.options.length - 1, 'value'],
					code: 'duplicate',
					detail: field.options[0]!.value
				}
			]);
		});

		it('names a repeated situation question once, not the materials that answer the first of them', async () => {
			const doc = await readCatalogDocument(conn.db);
			const m = doc.matters.findIndex(
				(x) => x.questions.length && x.materials.some((mat) => Object.keys(mat.when).length)
			);
			const matter = doc.matters[m]!;
			const id = Object.keys(
				matter.materials.find((mat) => Object.keys(mat.when).length)!.when
			)[0]!;
			matter.questions.push({ id, zh: '另一问题', en: 'Another', options: [] });
			const result = validateDocument(doc);
			expect(!result.ok && result.issues).toEqual([
				{
					path: ['matters', m, 'questions', matter.questions.length - 1, 'id'],
					code: 'duplicate',
					detail: id
				}
			]);
		});

		it('refuses a material, a note or a summary too long to read on a phone', async () => {
			const doc = await readCatalogDocument(conn.db);
			const m = doc.matters.findIndex((x) => x.id === MATTER);
			const matter = doc.matters[m]!;
			Object.assign(matter.materials[0]!, { zh: '材'.repeat(1000), noteZh: '注'.repeat(5000) });
			Object.assign(matter, { summaryZh: '简'.repeat(20_000) });
			const result = validateDocument(doc);
			expect(!result.ok && result.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
				[`matters.${m}.summaryZh`, 'max_length'],
				[`matters.${m}.materials.0.zh`, 'max_length'],
				[`matters.${m}.materials.0.noteZh`, 'max_length']
			]);
		});

		it('refuses a promised time limit longer than the legal one, at the promised one', async () => {
			const doc = await readCatalogDocument(conn.db);
			const matter = doc.matters.find((x) => x.id === MATTER)!;
			Object.assign(matter, { promisedDays: 40, legalDays: 30 });
			const result = validateDocument(doc);
			const m = doc.matters.indexOf(matter);
			expect(!result.ok && result.issues).toEqual([
				{ path: ['matters', m, 'promisedDays'], code: 'promised_over_legal' }
			]);
			Object.assign(matter, { promisedDays: 30 });
			expect(validateDocument(doc)).toMatchObject({ ok: true });
		});

		it('refuses a date asked not to come before a field that is no other date of its form', async () => {
			const doc = await readCatalogDocument(conn.db);
			const matter = doc.matters.find((x) => x.form.some((f) => f.key === 'dischargeDate'))!;
			const m = doc.matters.indexOf(matter);
			const i = matter.form.findIndex((f) => f.key === 'dischargeDate');
			expect(matter.form[i]).toMatchObject({ type: 'date', notBefore: 'enlistmentDate' });
			const bank = matter.form.find((f) => f.type !== 'date')!.key;
			for (const notBefore of ['dischargeDate', bank, 'noSuchField']) {
				Object.assign(matter.form[i]!, { notBefore });
				const result = validateDocument(doc);
				expect(!result.ok && result.issues, notBefore).toEqual([
					{ path: ['matters', m, 'form', i, 'notBefore'], code: 'not_before_date' }
				]);
			}
			// Each after the other: only the same day would do. Named at both.
			Object.assign(matter.form[i]!, { notBefore: 'enlistmentDate' });
			const j = matter.form.findIndex((f) => f.key === 'enlistmentDate');
			Object.assign(matter.form[j]!, { notBefore: 'dischargeDate' });
			const looped = validateDocument(doc);
			expect(!looped.ok && looped.issues).toEqual(
				[j, i].map((k) => ({
					path: ['matters', m, 'form', k, 'notBefore'],
					code: 'not_before_loop'
				}))
			);
			// The applicant's birth is no field of the form, and may be named.
			Object.assign(matter.form[j]!, { notBefore: APPLICANT_BIRTH });
			expect(validateDocument(doc)).toMatchObject({ ok: true });
		});

		it('refuses a field required for an answer that is no choice of a list of its form', async () => {
			const doc = await readCatalogDocument(conn.db);
			const matter = doc.matters.find((x) => x.form.some((f) => f.key === 'mailingAddress'))!;
			const m = doc.matters.indexOf(matter);
			const i = matter.form.findIndex((f) => f.key === 'mailingAddress');
			expect(matter.form[i]).toMatchObject({ required: false, requiredWhen: { pickup: ['post'] } });
			const bank = matter.form.find((f) => f.type === 'select' && f.key !== 'pickup')!.key;
			for (const requiredWhen of [
				{ pickup: ['drone'] },
				{ noSuchField: ['post'] },
				{ mailingAddress: ['x'] },
				{ pickup: [] },
				{ [bank]: ['post'] }
			]) {
				Object.assign(matter.form[i]!, { requiredWhen });
				const result = validateDocument(doc);
				expect(!result.ok && result.issues, JSON.stringify(requiredWhen)).toEqual([
					{ path: ['matters', m, 'form', i, 'requiredWhen'], code: 'required_when' }
				]);
			}
			Object.assign(matter.form[i]!, { requiredWhen: { pickup: ['post', 'counter'] } });
			expect(validateDocument(doc)).toMatchObject({ ok: true });
		});

		it('keeps a bad edit out of the draft and names the path', async () => {
			const result = await editDraft(conn, admin, (doc) => {
				doc.matters[0]!.promisedDays = -1;
				doc.points[0]!.hours['1'] = [['12:00', '08:00']];
				doc.points[1]!.town = 'nowhere';
			});
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.issues).toContainEqual({
				path: ['matters', 0, 'promisedDays'],
				code: 'min_value',
				detail: 0
			});
			expect(result.issues.some((i) => i.code === 'span_order')).toBe(true);
			expect(await readDraft(conn.db, admin.id)).toBeNull();
			const refs = await editDraft(conn, admin, (doc) => {
				doc.points[1]!.town = 'nowhere';
			});
			expect(refs).toMatchObject({
				ok: false,
				issues: [{ path: ['points', 1, 'town'], code: 'unknown_ref', detail: 'nowhere' }]
			});
		});

		it('publishes a draft: tables, a version with a readable summary, the audit log, the revision', async () => {
			const before = await currentCatalog(conn.db);
			const edited = await editDraft(conn, admin, (doc) => {
				const matter = doc.matters.find((x) => x.id === MATTER)!;
				matter.promisedDays = 3;
				doc.points.find((p) => p.id === POINT)!.hours['7'] = [['09:00', '11:00']];
			});
			expect(edited.ok).toBe(true);
			const result = await publishDraft(conn, city);
			expect(result.status).toBe('published');
			if (result.status !== 'published') return;
			const lines = result.changes.map((c) => describeChange(c, 'zh'));
			expect(lines).toContain('事项「个体工商户登记」：承诺时限 1 → 3 个工作日');
			expect(lines).toContain(
				'服务点「城厢街道便民服务中心」：开放时间 周一至周五 08:30–12:00, 13:30–17:00；周六 09:00–12:00 → 周一至周五 08:30–12:00, 13:30–17:00；周六 09:00–12:00；周日 09:00–11:00'
			);
			expect(await readDraft(conn.db, admin.id)).toBeNull();

			const after = await currentCatalog(conn.db);
			expect(after.etag).not.toBe(before.etag);
			expect(after.snapshot.matters.find((x) => x.id === MATTER)!.promisedDays).toBe(3);
			expect(after.snapshot.points.find((p) => p.id === POINT)!.hours['7']).toEqual([
				['09:00', '11:00']
			]);
			const versions = await listVersions(conn.db);
			expect(versions.map((v) => v.version)).toEqual([2, 1]);
			expect(versions[1]!.publishedBy).toBe('');
			const audit = await conn.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'catalog_publish')
				.execute();
			expect(audit).toHaveLength(1);
			// The log says what changed in its reader's language.
			const [entry] = await auditEntries(
				conn.db,
				{ user: admin, townId: null },
				{
					action: 'catalog_publish'
				}
			);
			expect(entryDetails(entry!, after.snapshot).join('\n')).toContain('承诺时限');
			overwriteGetLocale(() => 'en');
			try {
				const details = entryDetails(entry!, after.snapshot).join('\n');
				expect(details).toContain('Promised time');
				expect(details).not.toMatch(/[\u4e00-\u9fff]{2}/);
			} finally {
				overwriteGetLocale(() => 'zh');
			}
		});

		it('restores an earlier version as a new one', async () => {
			const original = await readCatalogDocument(conn.db);
			const result = await restoreVersion(conn, city, 1);
			expect(result).toMatchObject({ status: 'published', version: 3 });
			const restored = await readCatalogDocument(conn.db);
			const matter = restored.matters.find((x) => x.id === MATTER)!;
			expect(matter.promisedDays).not.toBe(3);
			expect(restored).not.toEqual(original);
			expect((await listVersions(conn.db))[0]).toMatchObject({ version: 3, restoredFrom: 1 });
			expect(await latestVersion(conn.db)).toBe(3);
			expect(await versionSummary(conn.db, 2)).toMatchObject({ version: 2, restoredFrom: null });
			expect(await versionSummary(conn.db, 4)).toBeNull();
			expect(await versionSummary(conn.db, Number('x'))).toBeNull();
			expect(await publishDocument(conn, city, restored)).toEqual({ status: 'unchanged' });
		});

		it('lets a town administrator publish only changes to points of their town', async () => {
			const town = { user: { ...admin, role: 'town_admin' as const }, townId: 'guliu' };
			const doc = await readCatalogDocument(conn.db);
			doc.points.find((p) => p.id === POINT)!.phone = '0535-0000000';
			expect((await publishDocument(conn, town, doc)).status).toBe('out_of_scope');
			const own = await readCatalogDocument(conn.db);
			const point = own.points.find((p) => p.town === 'guliu')!;
			point.phone = '0535-1111111';
			expect((await publishDocument(conn, town, own)).status).toBe('published');
			// The city hall stands in 城厢街道, but is not 城厢's to change.
			const chengxiang = { ...town, townId: 'chengxiang' };
			const hall = await readCatalogDocument(conn.db);
			hall.points.find((p) => p.kind === 'city')!.phone = '0535-2222222';
			expect((await publishDocument(conn, chengxiang, hall)).status).toBe('out_of_scope');
		});

		it('knows the tables still hold its last version, whatever order an edit left keys and rows in', async () => {
			const doc = await readCatalogDocument(conn.db);
			const shuffled = {
				...doc,
				points: [...doc.points].reverse().map(({ services, ...p }) => ({
					services,
					...p,
					phone: p.id === POINT ? '0535-2222222' : p.phone
				}))
			};
			const first = await publishDocument(conn, city, shuffled);
			const second = await publishDocument(conn, city, doc);
			expect(first.status).toBe('published');
			expect(second).toMatchObject({
				status: 'published',
				version: first.status === 'published' ? first.version + 1 : -1
			});
		});

		it('a day the calendar closes takes back its bookings: listed to call, phones told; opened again, given back', async () => {
			const snapshot = (await currentCatalog(conn.db)).snapshot;
			const [slot] = nextSlots(snapshot, POINT, MATTER, 1);
			const { applicationId, deviceId } = await insertBooking(conn.db, {
				id: 'cal1',
				reference: 'T-CAL1',
				pointId: POINT,
				matterId: MATTER,
				slotStart: slot!,
				phone: '13800005678'
			});
			const booking = async (since: number) => {
				const pulled = await pullChanges(conn.db, deviceId, since);
				const change = pulled.changes.find((c) => c.applicationId === applicationId);
				return { cursor: pulled.cursor, booking: change?.booking };
			};
			const date = slot!.slice(0, 10);
			await setCalendarDay(conn, admin, {
				date,
				kind: 'holiday',
				name: { zh: '临时闭馆', en: 'Closed' }
			});
			const listed = await listAffected(conn.db, { townId: 'chengxiang' });
			expect(listed.map((a) => [a.reference, a.phoneMasked])).toEqual([['T-CAL1', '138****5678']]);
			const told = await booking(0);
			expect(told.booking).toMatchObject({ status: 'booked', withdrawn: true });

			await setCalendarDay(conn, admin, { date, kind: 'normal', name: { zh: '', en: '' } });
			expect(await listAffected(conn.db, { townId: 'chengxiang' })).toEqual([]);
			const again = await booking(told.cursor);
			expect(again.booking).toEqual({
				status: 'booked',
				pointId: POINT,
				matterId: MATTER,
				slotStart: slot
			});
			// The same person books the matter again in the tests below.
			await conn.db
				.updateTable('bookings')
				.set({ status: 'cancelled' })
				.where('id', '=', 'cal1')
				.execute();
		});

		it('says before a draft is published what it would do: its number, its changes, the bookings it takes', async () => {
			const GULIU = 'guliu-centre';
			const snapshot = (await currentCatalog(conn.db)).snapshot;
			const [slot] = nextSlots(snapshot, GULIU, MATTER, 1);
			await insertBooking(conn.db, {
				id: 'b-preview',
				reference: 'T-0009',
				pointId: GULIU,
				matterId: MATTER,
				slotStart: slot!,
				phone: '13800009999'
			});
			expect(await previewDraft(conn, city)).toEqual({ status: 'no_draft' });
			const edited = await editDraft(conn, admin, (doc) => {
				const point = doc.points.find((p) => p.id === GULIU)!;
				point.services = point.services.filter((s) => s.matter !== MATTER);
			});
			expect(edited.ok).toBe(true);
			const latest = (await listVersions(conn.db, 1))[0]!.version;
			const draft = (await readDraft(conn.db, admin.id))!;
			const preview = await previewDraft(conn, city);
			expect(preview).toMatchObject({
				status: 'ready',
				version: latest + 1,
				affected: 1,
				gaps: [],
				draftAt: draft.updatedAt
			});
			if (preview.status !== 'ready') return;
			expect(preview.changes.map((c) => describeChange(c, 'zh')).join('\n')).toContain(
				'个体工商户登记'
			);
			// Nothing was written: the same catalogue, the draft kept, nobody listed to call.
			expect((await listVersions(conn.db, 1))[0]!.version).toBe(latest);
			expect(await readDraft(conn.db, admin.id)).not.toBeNull();
			expect(await listAffected(conn.db, { townId: 'guliu' })).toEqual([]);
			// A town administrator is told the draft is outside their town before being asked.
			const town = { user: admin, townId: 'tuanwang' };
			expect(await previewDraft(conn, town)).toMatchObject({ status: 'out_of_scope' });
			await publishDraft(conn, city);
			const back = await restoreVersion(conn, city, latest);
			expect(back).toMatchObject({ status: 'published' });
			// The same resident books again in the next case.
			await conn.db
				.updateTable('bookings')
				.set({ status: 'cancelled' })
				.where('id', '=', 'b-preview')
				.execute();
		});

		it('says before publishing what residents would miss in the catalogue', async () => {
			const edited = await editDraft(conn, admin, (doc) => {
				doc.matters.find((x) => x.id === MATTER)!.materials = [];
				for (const point of doc.points) {
					point.services = point.services.filter((s) => s.matter !== 'temporary-assistance');
				}
				doc.points.find((p) => p.id === 'guliu-centre')!.services = [];
			});
			expect(edited.ok).toBe(true);
			const preview = await previewDraft(conn, city);
			expect(preview).toMatchObject({
				status: 'ready',
				gaps: [
					'事项「个体工商户登记」没有列出要带的材料',
					'事项「临时救助」没有服务点办理：居民能看到办事指南，但无处预约或申请',
					'服务点「古柳街道便民服务中心」不办理任何事项'
				]
			});
			await discardDraft(conn.db, admin.id);
		});

		it('lists the bookings whose slot an edit removes', async () => {
			const snapshot = (await currentCatalog(conn.db)).snapshot;
			const [slot] = nextSlots(snapshot, POINT, MATTER, 1);
			const { applicationId, deviceId } = await insertBooking(conn.db, {
				id: 'b1',
				reference: 'T-0001',
				pointId: POINT,
				matterId: MATTER,
				slotStart: slot!,
				phone: '13800001234'
			});
			const doc = await readCatalogDocument(conn.db);
			const point = doc.points.find((p) => p.id === POINT)!;
			point.services = point.services.filter((s) => s.matter !== MATTER);
			const result = await publishDocument(conn, city, doc);
			expect(result).toMatchObject({
				status: 'published',
				affected: [{ reference: 'T-0001', slotStart: slot, phoneMasked: '138****1234' }]
			});
			if (result.status !== 'published') return;
			const listed = await listAffected(conn.db, { townId: 'chengxiang' });
			expect(listed.map((a) => a.reference)).toEqual(['T-0001']);
			expect(await listAffected(conn.db, { townId: 'guliu' })).toEqual([]);
			// The resident's phone learns that the time is no longer offered.
			const told = await pullChanges(conn.db, deviceId, 0);
			expect(told.changes.map((c) => [c.applicationId, c.booking])).toEqual([
				[
					applicationId,
					{ status: 'booked', pointId: POINT, matterId: MATTER, slotStart: slot, withdrawn: true }
				]
			]);
			// Handled again: the booking is fine, and nobody is listed for this publication.
			const back = await restoreVersion(conn, city, result.version - 1);
			expect(back).toMatchObject({ status: 'published', affected: [] });
			// And the phone learns that too.
			const again = await pullChanges(conn.db, deviceId, told.cursor);
			expect(again.changes.map((c) => [c.applicationId, c.booking])).toEqual([
				[applicationId, { status: 'booked', pointId: POINT, matterId: MATTER, slotStart: slot }]
			]);
			// Nobody is to be called about it any more.
			expect(await listAffected(conn.db, { townId: 'chengxiang' })).toEqual([]);
		});
	});
}
