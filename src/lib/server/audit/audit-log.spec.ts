import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { AdminScope } from '../admin/scope';
import { registerDevice } from '../auth/devices';
import type { SignedInUser } from '../auth/sessions';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { csvCell } from '../http/csv';
import { auditCsv } from './csv';
import { actionWords, AUDIT_ACTIONS, entryDetails } from './describe';
import { AUDIT_PAGE_SIZE, auditEntries, auditPage, type AuditFilter } from './log';

const admin = (townId: string | null): AdminScope => ({
	user: { id: 'admin', username: 'admin' } as SignedInUser,
	townId
});
const CITY = admin(null);
const TUANWANG = admin('tuanwang');

describe('CSV cells', () => {
	it('quote what needs quoting and defuse what a spreadsheet would run', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"\nagain')).toBe('"say ""hi""\nagain"');
		for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) {
			expect(csvCell(formula)).toBe(`'${formula}`);
		}
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
	});
});

for (const target of testDatabases()) {
	describe(`the audit log on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let app: { id: string; reference: string };

		const log = (row: {
			id: string;
			at: string;
			username: string;
			userId?: string;
			point: string | null;
			action: string;
			applicationId?: string;
			before?: unknown;
			after?: unknown;
			note?: string;
		}) =>
			conn.db
				.insertInto('audit_log')
				.values({
					id: row.id,
					at: row.at,
					user_id: row.userId ?? `u-${row.username}`,
					username: row.username,
					point_id: row.point,
					action: row.action,
					application_id: row.applicationId ?? null,
					before: JSON.stringify(row.before ?? null),
					after: JSON.stringify(row.after ?? null),
					note: row.note ?? ''
				})
				.execute();

		const ids = async (filter: AuditFilter, scope = CITY) =>
			(await auditEntries(conn.db, scope, filter)).map((e) => e.id).filter((id) => id[0] === 'e');

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 7 });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			app = await conn.db
				.selectFrom('applications')
				.select(['id', 'reference'])
				.executeTakeFirstOrThrow();

			await log({
				id: 'e1',
				at: '2026-11-30T15:59:00.000Z', // 30 November 23:59 in Beijing
				username: 'clerk-a',
				point: 'chengxiang-centre',
				action: 'view',
				applicationId: app.id
			});
			await log({
				id: 'e2',
				at: '2026-11-30T16:00:00.000Z', // 1 December 00:00 in Beijing
				username: 'clerk-a',
				point: 'chengxiang-centre',
				action: 'accept',
				applicationId: app.id,
				before: { status: 'submitted', note: '', requestedMaterials: [] },
				after: { status: 'accepted', note: '', requestedMaterials: [] }
			});
			await log({
				id: 'e3',
				at: '2026-12-01T02:00:00.000Z',
				username: 'tw-admin',
				point: 'tuanwang-proxy-6',
				action: 'account_add',
				after: { account: 'wang', role: 'agent', point: 'tuanwang-proxy-6', disabled: false }
			});
			await log({
				id: 'e4',
				at: '2026-12-01T03:00:00.000Z',
				username: 'admin',
				point: null,
				action: 'calendar_edit',
				after: { date: '2026-12-03', kind: 'holiday', name: '测试' }
			});
			await log({
				id: 'e5',
				at: '2026-12-02T01:00:00.000Z',
				username: 'clerk-b',
				point: 'guliu-centre',
				action: 'refuse',
				before: { status: 'accepted' },
				after: { status: 'refused', note: '=HYPERLINK("http://x")', requestedMaterials: [] },
				note: '=HYPERLINK("http://x")'
			});
		});
		afterAll(async () => conn?.drop());

		it('filters by Beijing days, person, the town of a centre and action, newest first', async () => {
			expect(await ids({})).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
			expect(await ids({ from: '2026-12-01' })).toEqual(['e5', 'e4', 'e3', 'e2']);
			expect(await ids({ to: '2026-11-30' })).toEqual(['e1']);
			expect(await ids({ from: '2026-12-01', to: '2026-12-01' })).toEqual(['e4', 'e3', 'e2']);
			expect(await ids({ person: 'clerk-a' })).toEqual(['e2', 'e1']);
			expect(await ids({ townId: 'chengxiang' })).toEqual(['e2', 'e1']);
			// A centre's town takes in its village and proxy points.
			expect(await ids({ townId: 'tuanwang' })).toEqual(['e3']);
			expect(await ids({ action: 'refuse' })).toEqual(['e5']);
			expect(await ids({ person: 'clerk-a', action: 'view' })).toEqual(['e1']);
		});

		it('finds a person by part of the user name, in either case, or by the name the account has', async () => {
			expect(await ids({ person: 'CLERK' })).toEqual(['e5', 'e2', 'e1']);
			expect(await ids({ person: 'k-b' })).toEqual(['e5']);
			// Wildcards typed are taken as they are.
			expect(await ids({ person: '%' })).toEqual([]);
			expect(await ids({ person: 'clerk_a' })).toEqual([]);
			const clerk = { id: randomUUID() };
			await addTestUser(conn.db, {
				id: clerk.id,
				username: 'staff-chengxiang',
				displayName: '李明',
				role: 'staff',
				pointId: 'chengxiang-centre'
			});
			await log({
				id: 'n1',
				at: '2026-12-01T04:00:00.000Z',
				username: 'staff-chengxiang',
				userId: clerk.id,
				point: 'chengxiang-centre',
				action: 'view'
			});
			const found = async (person: string) =>
				(await auditEntries(conn.db, CITY, { person })).map((e) => e.id);
			expect(await found('李明')).toEqual(['n1']);
			expect(await found('明')).toEqual(['n1']);
			await conn.db.deleteFrom('audit_log').where('id', '=', 'n1').execute();
			await conn.db.deleteFrom('users').where('id', '=', clerk.id).execute();
		});

		it('shows a town’s administrator the town’s entries only', async () => {
			expect(await ids({}, TUANWANG)).toEqual(['e3']);
			expect(await ids({ townId: 'chengxiang' }, TUANWANG)).toEqual([]);
			expect((await auditPage(conn.db, TUANWANG, {})).total).toBe(1);
		});

		it('shows a town’s administrator what the town’s own accounts did at no point: a publication', async () => {
			const townAdmin = { id: randomUUID() };
			await addTestUser(conn.db, {
				id: townAdmin.id,
				username: 'townadmin-test',
				role: 'town_admin',
				pointId: 'tuanwang-centre'
			});
			await log({
				id: 'ep',
				at: '2026-12-01T05:00:00.000Z',
				username: 'townadmin-test',
				userId: townAdmin.id,
				point: null,
				action: 'catalog_publish',
				after: { version: 2, restoredFrom: null, affected: 0, changes: [] }
			});
			try {
				expect(await ids({}, TUANWANG)).toEqual(['ep', 'e3']);
				expect(await ids({ townId: 'tuanwang' })).toEqual(['ep', 'e3']);
				expect(await ids({}, admin('chengxiang'))).toEqual(['e2', 'e1']);
				// The city's own, made at no point, stay the city's.
				expect(await ids({}, TUANWANG)).not.toContain('e4');
			} finally {
				await conn.db.deleteFrom('audit_log').where('id', '=', 'ep').execute();
				await conn.db.deleteFrom('users').where('id', '=', townAdmin.id).execute();
			}
		});

		it("keeps the city hall's entries from the administrator of the town it stands in", async () => {
			await log({
				id: 'h1',
				at: '2026-12-01T03:00:00.000Z',
				username: 'hall-clerk',
				point: 'laiyang-city-hall',
				action: 'view'
			});
			const has = async (scope: AdminScope, filter: AuditFilter = {}) =>
				(await auditEntries(conn.db, scope, filter)).some((e) => e.id === 'h1');
			expect(await has(CITY)).toBe(true);
			expect(await has(admin('chengxiang'))).toBe(false);
			expect(await has(CITY, { townId: 'chengxiang' })).toBe(false);
			await conn.db.deleteFrom('audit_log').where('id', '=', 'h1').execute();
		});

		it('pages through many entries, each once, with the total', async () => {
			for (let i = 0; i < 55; i++) {
				await log({
					id: `b${String(i).padStart(2, '0')}`,
					at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
					username: 'bulk',
					point: 'guliu-centre',
					action: 'view'
				});
			}
			const first = await auditPage(conn.db, CITY, { person: 'bulk' }, 1);
			const second = await auditPage(conn.db, CITY, { person: 'bulk' }, 2);
			expect(first.total).toBe(55);
			expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
			expect(second.entries).toHaveLength(5);
			const all = [...first.entries, ...second.entries].map((e) => e.id);
			expect(new Set(all).size).toBe(55);
			expect(all[0]).toBe('b54');
			expect(all.at(-1)).toBe('b00');
		});

		it('says each entry in words, with the application’s reference', async () => {
			const [e2, e1] = await auditEntries(conn.db, CITY, { person: 'clerk-a' });
			expect(e1!.reference).toBe(app.reference);
			expect(actionWords(e2!.action)).toBe('受理');
			// Every action the app logs has its words, and a place in the filter.
			for (const [action, words] of [
				['catalog_publish', '发布目录'],
				['catalog_restore', '恢复目录版本'],
				['rating_follow_up', '回访差评']
			]) {
				expect(actionWords(action!)).toBe(words);
				expect(AUDIT_ACTIONS).toContain(action);
			}
			expect(entryDetails(e2!, catalog)).toEqual(['状态：已提交 → 已受理']);
			const [e3] = await auditEntries(conn.db, CITY, { action: 'account_add' });
			expect(entryDetails(e3!, catalog)).toEqual([
				'账号 wang',
				'角色：代办员',
				expect.stringMatching(/^服务点：.*代办点/)
			]);
		});

		it('does not repeat the application’s reference as a note', async () => {
			const [e1] = await auditEntries(conn.db, CITY, { action: 'view' });
			const noted = (note: string) => entryDetails({ ...e1!, note }, catalog);
			expect(noted(app.reference)).toEqual([]);
			expect(noted(`${app.reference}：改约到 3月6日`)).toEqual(['说明：改约到 3月6日']);
			expect(noted('请补充照片')).toEqual(['说明：请补充照片']);
		});

		it('names a material as the application’s own matter names it, not another’s of the same id', async () => {
			const phone = await registerDevice(conn.db);
			const op = submitOp(catalog, { n: 8, matterId: 'elderly-allowance' });
			await applyOps(conn, { id: phone.deviceId, userId: null }, [op], catalog);
			await log({
				id: 'm1',
				at: '2026-11-01T00:00:00.000Z',
				username: 'clerk-m',
				point: 'chengxiang-centre',
				action: 'complete',
				applicationId: op.payload.applicationId,
				before: { status: 'accepted' },
				after: { status: 'completed', receivedMaterials: ['application'] }
			});
			const [entry] = await auditEntries(conn.db, CITY, { person: 'clerk-m' });
			expect(entryDetails(entry!, catalog)).toContain('已收到：高龄津贴申请表');
			await conn.db.deleteFrom('audit_log').where('id', '=', 'm1').execute();
		});

		it('exports the filtered entries as CSV, with formulas defused', async () => {
			const csv = auditCsv(await auditEntries(conn.db, CITY, { from: '2026-12-01' }), catalog);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const lines = csv.slice(1).trimEnd().split('\r\n');
			expect(lines[0]).toBe('时间,操作人,姓名,操作,服务点,申请,详情');
			expect(lines).toHaveLength(5);
			expect(lines[1]).toMatch(/^2026-12-02 09:00,clerk-b,,不予受理,古柳街道便民服务中心,,/);
			expect(lines[1]).toContain(`"状态：已受理 → 不予受理; 说明：=HYPERLINK(""http://x"")"`);
			expect(lines[4]).toMatch(/^2026-12-01 00:00,clerk-a,,受理,.*,LY-/);
			const injected = auditCsv(
				[{ ...(await auditEntries(conn.db, CITY, { action: 'refuse' }))[0]!, username: '=cmd' }],
				catalog
			);
			expect(injected.split('\r\n')[1]).toMatch(/^2026-12-02 09:00,'=cmd,/);
		});

		it('keeps a note that starts a cell as text', () => {
			const entry = {
				id: randomUUID(),
				at: '2026-12-01T00:00:00.000Z',
				userId: 'u',
				username: 'u',
				displayName: '-1',
				userTownId: null,
				userIsCityAdmin: false,
				pointId: null,
				action: 'view',
				applicationId: null,
				reference: null,
				matterIds: null,
				before: 'null',
				after: 'null',
				note: ''
			};
			expect(auditCsv([entry], catalog).split('\r\n')[1]).toBe(
				"2026-12-01 08:00,u,'-1,查看申请,,,"
			);
		});
	});
}
