import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminScope } from '../admin/scope';
import { deviceFromRequest, registerDevice } from '../auth/devices';
import { createSession, userFromSession, type SignedInUser } from '../auth/sessions';
import { signIn } from '../auth/sign-in';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { accountsLeftOut } from './held-at';
import { accountIn, listAccounts } from './list';
import {
	addAccount,
	changeAccount,
	resetPassword,
	setAccountDisabled,
	unlockAccount
} from './manage';
import { COMMAND_LINE_SCOPE } from './rules';

const noSleep = async () => {};

for (const target of testDatabases()) {
	describe(`accounts on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let city: AdminScope;
		let town: AdminScope;
		let n = 0;
		const unique = (prefix: string) => `${prefix}-${++n}`;

		async function insertUser(role: SignedInUser['role'], pointId: string | null) {
			const user: SignedInUser = {
				id: unique('id'),
				username: unique(role),
				displayName: role,
				role,
				pointId
			};
			await addTestUser(conn.db, { ...user, password: 'old-password' });
			return user;
		}

		/** A staff account added by the city administrator; its id, name and password. */
		async function addStaff(pointId = 'chengxiang-centre') {
			const username = unique('clerk');
			const added = await addAccount(conn, city, {
				username,
				displayName: '',
				role: 'staff',
				pointId
			});
			if (!added.ok) throw new Error(added.code);
			return { id: added.id, username, password: added.password! };
		}

		const auditOf = (action: string) =>
			conn.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', action)
				.orderBy('at', 'desc')
				.execute();

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			city = { user: await insertUser('admin', null), townId: null };
			town = { user: await insertUser('town_admin', 'tuanwang-centre'), townId: 'tuanwang' };
		});
		afterAll(async () => conn?.drop());

		it('counts the accounts a point could no longer hold were it of another kind', async () => {
			await insertUser('staff', 'xinan-centre');
			await insertUser('town_admin', 'xinan-centre');
			await insertUser('agent', 'xinan-centre');
			expect(await accountsLeftOut(conn.db, 'xinan-centre', 'centre')).toBe(0);
			expect(await accountsLeftOut(conn.db, 'xinan-centre', 'city')).toBe(1);
			expect(await accountsLeftOut(conn.db, 'xinan-centre', 'proxy')).toBe(2);
		});

		it('adds an account with a password made for it, shown once, that signs in; the log says who', async () => {
			const { id, username, password } = await addStaff();
			expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toEqual({
				ok: true,
				userId: id
			});
			const [entry] = await auditOf('account_add');
			expect(entry).toMatchObject({ user_id: city.user.id, point_id: 'chengxiang-centre' });
			expect(JSON.parse(entry!.after)).toMatchObject({ account: username, role: 'staff' });
			// A password given is not answered back.
			const given = await addAccount(conn, city, {
				username: unique('agent'),
				displayName: '王',
				role: 'agent',
				pointId: 'tuanwang-proxy-6',
				password: 'given-password'
			});
			expect(given).toMatchObject({ ok: true, password: null });
		});

		it('refuses a bad or taken name, a short password, and a point that does not fit the role', async () => {
			const { username } = await addStaff();
			const add = (input: Partial<Parameters<typeof addAccount>[2]>, scope = city) =>
				addAccount(conn, scope, {
					username: unique('new'),
					displayName: '',
					role: 'staff',
					pointId: 'chengxiang-centre',
					...input
				});
			expect(await add({ username: '' })).toEqual({ ok: false, code: 'username_required' });
			expect(await add({ username: '', pointId: null })).toEqual({
				ok: false,
				code: 'username_required',
				more: ['point_required']
			});
			expect(await add({ username: 'x' })).toEqual({ ok: false, code: 'username_format' });
			expect(await add({ username: 'a b c' })).toEqual({ ok: false, code: 'username_format' });
			expect(await add({ username: username.toUpperCase() })).toEqual({
				ok: false,
				code: 'username_taken'
			});
			expect(await add({ password: 'short' })).toEqual({ ok: false, code: 'password_short' });
			// Long enough, and still guessed in a few tries: a common one, digits only (a birthday),
			// a repeat or a run of keys, or the account's own name.
			for (const password of [
				'password',
				'Passw0rd!',
				'p@ssw0rd2026',
				'Pa$$w0rd-99',
				'12345678',
				'19850312',
				'aaaaaaaa',
				'abababab',
				'qwertyui',
				'1qaz2wsx',
				'abcdefgh'
			])
				expect(await add({ password }), password).toEqual({ ok: false, code: 'password_weak' });
			expect(await add({ username: 'wang.fang', password: 'wang.fang2026' })).toEqual({
				ok: false,
				code: 'password_weak'
			});
			expect(await add({ password: 'tea-kettle-73' })).toMatchObject({ ok: true });
			expect(await add({ pointId: null })).toEqual({ ok: false, code: 'point_required' });
			expect(await add({ pointId: 'nowhere' })).toEqual({ ok: false, code: 'point_unknown' });
			// Every mistake at once, not one a try.
			expect(await add({ username: 'a b', password: 'short', pointId: null })).toEqual({
				ok: false,
				code: 'username_format',
				more: ['password_short', 'point_required']
			});
			expect(await add({ username: username.toUpperCase(), pointId: 'nowhere' })).toEqual({
				ok: false,
				code: 'point_unknown',
				more: ['username_taken']
			});
			expect(await add({ pointId: 'tuanwang-village-1' })).toEqual({
				ok: false,
				code: 'point_not_centre'
			});
			expect(await add({ role: 'town_admin', pointId: 'tuanwang-proxy-6' })).toEqual({
				ok: false,
				code: 'point_not_centre'
			});
			// A city administrator belongs to no point, whatever was chosen.
			const admin = await add({ role: 'admin', pointId: 'chengxiang-centre' });
			expect(admin.ok).toBe(true);
			const row = await accountIn(conn.db, city, (admin as { id: string }).id);
			expect(row).toMatchObject({ role: 'admin', pointId: null });
		});

		it("gives the city hall counter staff, but no town administrator, and keeps it from the town's", async () => {
			const hallClerk = await addStaff('laiyang-city-hall');
			const add = (role: 'staff' | 'town_admin', scope: AdminScope) =>
				addAccount(conn, scope, {
					username: unique('hall'),
					displayName: '',
					role,
					pointId: 'laiyang-city-hall'
				});
			expect(await add('town_admin', city)).toEqual({ ok: false, code: 'point_not_centre' });
			// The city hall stands in 城厢街道, but 城厢's administrator does not run it.
			const chengxiang: AdminScope = {
				user: await insertUser('town_admin', 'chengxiang-centre'),
				townId: 'chengxiang'
			};
			expect(await add('staff', chengxiang)).toEqual({ ok: false, code: 'out_of_scope' });
			expect(await accountIn(conn.db, chengxiang, hallClerk.id)).toBeNull();
			expect(await setAccountDisabled(conn, chengxiang, hallClerk.id, true)).toEqual({
				ok: false,
				code: 'not_found'
			});
			expect(await accountIn(conn.db, city, hallClerk.id)).toMatchObject({
				pointId: 'laiyang-city-hall'
			});
		});

		it('keeps a town administrator to the town: its accounts and points, and no city role', async () => {
			const here = await addAccount(conn, town, {
				username: unique('tw'),
				displayName: '',
				role: 'staff',
				pointId: 'tuanwang-centre'
			});
			expect(here.ok).toBe(true);
			const hereId = (here as { id: string }).id;
			expect(
				await addAccount(conn, town, {
					username: unique('tw'),
					displayName: '',
					role: 'staff',
					pointId: 'chengxiang-centre'
				})
			).toEqual({ ok: false, code: 'out_of_scope' });
			expect(
				await addAccount(conn, town, {
					username: unique('tw'),
					displayName: '',
					role: 'admin',
					pointId: null
				})
			).toEqual({ ok: false, code: 'role_not_allowed' });

			const elsewhere = await addStaff('chengxiang-centre');
			for (const outcome of [
				await setAccountDisabled(conn, town, elsewhere.id, true),
				await resetPassword(conn, town, elsewhere.id),
				await unlockAccount(conn, town, elsewhere.id),
				await changeAccount(conn, town, elsewhere.id, {
					role: 'staff',
					pointId: 'tuanwang-centre'
				}),
				await changeAccount(conn, town, city.user.id, { role: 'staff', pointId: 'tuanwang-centre' })
			]) {
				expect(outcome).toEqual({ ok: false, code: 'not_found' });
			}
			expect(await accountIn(conn.db, town, elsewhere.id)).toBeNull();
			expect(
				await changeAccount(conn, town, hereId, { role: 'staff', pointId: 'guliu-centre' })
			).toEqual({ ok: false, code: 'out_of_scope' });
			expect(await changeAccount(conn, town, hereId, { role: 'admin', pointId: null })).toEqual({
				ok: false,
				code: 'role_not_allowed'
			});

			const listed = await listAccounts(conn.db, town, {});
			expect(listed.rows.map((r) => r.id)).toContain(hereId);
			expect(listed.rows.map((r) => r.id)).toContain(town.user.id);
			const points = new Set(listed.rows.map((r) => r.pointId));
			const townPoints = await conn.db
				.selectFrom('points')
				.select('id')
				.where('town_id', '=', 'tuanwang')
				.execute();
			expect([...points].every((p) => townPoints.some((t) => t.id === p))).toBe(true);
			expect(listed.total).toBe(listed.rows.length);
		});

		it('disabling ends the account’s sessions and refuses its sign-ins; enabling lets it back', async () => {
			const { id, username, password } = await addStaff();
			const { token } = await createSession(conn.db, id);
			expect(await userFromSession(conn.db, token)).toMatchObject({ id });

			expect(await setAccountDisabled(conn, city, id, true)).toEqual({ ok: true });
			const sessions = await conn.db
				.selectFrom('sessions')
				.select('token_hash')
				.where('user_id', '=', id)
				.execute();
			expect(sessions).toEqual([]);
			expect(await userFromSession(conn.db, token)).toBeNull();
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toMatchObject({
				ok: false
			});
			expect((await accountIn(conn.db, city, id))?.status).toBe('disabled');

			expect(await setAccountDisabled(conn, city, id, false)).toEqual({ ok: true });
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toMatchObject({
				ok: true
			});
			expect((await auditOf('account_disable'))[0]).toMatchObject({
				point_id: 'chengxiang-centre'
			});
			expect((await auditOf('account_enable'))[0]).toMatchObject({ user_id: city.user.id });
		});

		it('resets a password: the new one signs in, the old one not, sessions end, the lock goes', async () => {
			const { id, username, password } = await addStaff();
			const { token } = await createSession(conn.db, id);
			for (let i = 0; i < 5; i++) await signIn(conn.db, username, 'wrong', { sleep: noSleep });
			expect((await accountIn(conn.db, city, id))?.status).toBe('locked');

			const reset = await resetPassword(conn, city, id);
			if (!reset.ok) throw new Error(reset.code);
			expect(reset.password).not.toBe(password);
			expect(await userFromSession(conn.db, token)).toBeNull();
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toMatchObject({
				ok: false
			});
			expect(await signIn(conn.db, username, reset.password, { sleep: noSleep })).toMatchObject({
				ok: true
			});
			expect(await auditOf('account_password_reset')).not.toEqual([]);
		});

		it('cuts an agent’s phones off when the account is disabled, its password reset, or its role or point changed', async () => {
			const phoneOf = async (userId: string) => {
				const { token } = await registerDevice(conn.db, userId);
				const request = () =>
					new Request('http://x/api/sync', { headers: { authorization: `Bearer ${token}` } });
				return { works: async () => !!(await deviceFromRequest(conn.db, request())) };
			};
			const agent = await insertUser('agent', 'tuanwang-proxy-6');
			const changes: [string, () => Promise<unknown>][] = [
				[
					'disable, then enable',
					async () => {
						await setAccountDisabled(conn, city, agent.id, true);
						await setAccountDisabled(conn, city, agent.id, false);
					}
				],
				['reset its password', () => resetPassword(conn, city, agent.id)],
				[
					'move it to another point',
					() =>
						changeAccount(conn, city, agent.id, { role: 'agent', pointId: 'tuanwang-village-1' })
				],
				[
					'make it counter staff',
					() => changeAccount(conn, city, agent.id, { role: 'staff', pointId: 'tuanwang-centre' })
				]
			];
			for (const [what, change] of changes) {
				const phone = await phoneOf(agent.id);
				expect(await phone.works(), what).toBe(true);
				await change();
				expect(await phone.works(), what).toBe(false);
			}
		});

		it('unlocks an account locked by wrong passwords', async () => {
			const { id, username, password } = await addStaff();
			for (let i = 0; i < 5; i++) await signIn(conn.db, username, 'wrong', { sleep: noSleep });
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toMatchObject({
				reason: 'locked'
			});
			expect(await unlockAccount(conn, city, id)).toEqual({ ok: true, cleared: true });
			expect(await signIn(conn.db, username, password, { sleep: noSleep })).toMatchObject({
				ok: true
			});
			expect((await auditOf('account_unlock'))[0]).toMatchObject({ user_id: city.user.id });
		});

		it('changes role and point within the rules, and logs before and after', async () => {
			const { id } = await addStaff();
			expect(
				await changeAccount(conn, city, id, { role: 'agent', pointId: 'tuanwang-proxy-6' })
			).toEqual({ ok: true });
			expect(await accountIn(conn.db, city, id)).toMatchObject({
				role: 'agent',
				pointId: 'tuanwang-proxy-6'
			});
			const [entry] = await auditOf('account_change');
			expect(JSON.parse(entry!.before)).toMatchObject({
				role: 'staff',
				point: 'chengxiang-centre'
			});
			expect(JSON.parse(entry!.after)).toMatchObject({ role: 'agent', point: 'tuanwang-proxy-6' });
			expect(entry!.point_id).toBe('tuanwang-proxy-6');
			// Now in the town: its administrator manages it.
			expect(
				await changeAccount(conn, town, id, { role: 'staff', pointId: 'tuanwang-centre' })
			).toEqual({ ok: true });
			expect(
				await changeAccount(conn, city, id, { role: 'staff', pointId: 'tuanwang-village-1' })
			).toEqual({ ok: false, code: 'point_not_centre' });
		});

		it('never locks the city out: not oneself, not the last enabled city administrator', async () => {
			expect(await setAccountDisabled(conn, city, city.user.id, true)).toEqual({
				ok: false,
				code: 'self'
			});
			expect(
				await changeAccount(conn, city, city.user.id, { role: 'staff', pointId: 'guliu-centre' })
			).toEqual({ ok: false, code: 'self' });
			expect(await resetPassword(conn, city, city.user.id)).toEqual({ ok: false, code: 'self' });
			expect(
				await changeAccount(conn, town, town.user.id, { role: 'staff', pointId: 'tuanwang-centre' })
			).toEqual({ ok: false, code: 'self' });

			// Down to one enabled city administrator (the command line acts as no account).
			const admins = await conn.db
				.selectFrom('users')
				.select('id')
				.where('role', '=', 'admin')
				.where('id', '!=', city.user.id)
				.execute();
			for (const a of admins) {
				expect(await setAccountDisabled(conn, COMMAND_LINE_SCOPE, a.id, true)).toEqual({
					ok: true
				});
			}
			expect(await setAccountDisabled(conn, COMMAND_LINE_SCOPE, city.user.id, true)).toEqual({
				ok: false,
				code: 'last_admin'
			});
			expect(
				await changeAccount(conn, COMMAND_LINE_SCOPE, city.user.id, {
					role: 'town_admin',
					pointId: 'guliu-centre'
				})
			).toEqual({ ok: false, code: 'last_admin' });
			// Another one enabled: now either may go.
			expect(await setAccountDisabled(conn, COMMAND_LINE_SCOPE, admins[0]!.id, false)).toEqual({
				ok: true
			});
			expect(await setAccountDisabled(conn, COMMAND_LINE_SCOPE, city.user.id, true)).toEqual({
				ok: true
			});
			await setAccountDisabled(conn, COMMAND_LINE_SCOPE, city.user.id, false);
		});

		it('lists accounts by role, point, status and name, a page at a time', async () => {
			const locked = await addStaff('guliu-centre');
			const disabled = await addStaff('guliu-centre');
			const active = await addStaff('guliu-centre');
			for (let i = 0; i < 5; i++) {
				await signIn(conn.db, locked.username, 'wrong', { sleep: noSleep });
			}
			await setAccountDisabled(conn, city, disabled.id, true);
			const ids = async (filter: Parameters<typeof listAccounts>[2]) =>
				(await listAccounts(conn.db, city, filter)).rows.map((r) => r.id);

			expect(await ids({ pointId: 'guliu-centre' })).toEqual(
				[locked, disabled, active]
					.sort((a, b) => a.username.localeCompare(b.username))
					.map((a) => a.id)
			);
			expect(await ids({ pointId: 'guliu-centre', status: 'locked' })).toEqual([locked.id]);
			expect(await ids({ pointId: 'guliu-centre', status: 'disabled' })).toEqual([disabled.id]);
			expect(await ids({ pointId: 'guliu-centre', status: 'active' })).toEqual([active.id]);
			expect(await ids({ q: active.username.toUpperCase() })).toEqual([active.id]);
			expect(await ids({ q: '%' })).toEqual([]);
			const agents = await listAccounts(conn.db, city, { role: 'agent' });
			expect(agents.rows.length).toBeGreaterThan(0);
			expect(agents.rows.every((r) => r.role === 'agent')).toBe(true);
			const all = await listAccounts(conn.db, city, {});
			expect(all.rows.some((r) => r.role === 'agent')).toBe(true);
			expect(all.rows.some((r) => r.role === 'staff')).toBe(true);
			expect((await listAccounts(conn.db, city, {}, 2)).rows).toEqual(
				all.total > 50 ? expect.any(Array) : []
			);
		});
	});
}
