import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { LOCK_MINUTES, pruneSignInAttempts, signIn } from './sign-in';

const noSleep = async () => {};

for (const target of testDatabases()) {
	describe(`sign-in on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let n = 0;

		/** A new staff account whose password is `right-password`. */
		async function addStaff(): Promise<string> {
			const username = `staff-${++n}`;
			await addTestUser(conn.db, {
				username,
				role: 'staff',
				pointId: 'chengxiang-centre',
				password: 'right-password'
			});
			return username;
		}

		beforeAll(async () => {
			conn = await target.create();
		});
		afterAll(async () => conn?.drop());

		it('slows wrong passwords, then locks the account for a while', async () => {
			const username = await addStaff();
			const delays: number[] = [];
			const sleep = async (ms: number) => void delays.push(ms);
			const now = new Date();
			for (let i = 0; i < 4; i++) {
				expect(await signIn(conn.db, username, 'wrong', { now, sleep })).toEqual({
					ok: false,
					reason: 'bad_credentials'
				});
			}
			expect(await signIn(conn.db, username, 'wrong', { now, sleep })).toMatchObject({
				reason: 'locked'
			});
			expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
			expect(await signIn(conn.db, username, 'right-password', { now, sleep })).toMatchObject({
				reason: 'locked'
			});
			const later = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
			expect(
				await signIn(conn.db, username, 'right-password', { now: later, sleep })
			).toMatchObject({
				ok: true
			});
		});

		it('answers an unknown name, and a disabled account, as a known name with wrong passwords', async () => {
			const now = new Date();
			/** Six attempts in a row: what each answers, and how long each waited. */
			async function attempts(username: string, password: string) {
				const delays: number[] = [];
				const sleep = async (ms: number) => void delays.push(ms);
				const results = [];
				for (let i = 0; i < 6; i++)
					results.push(await signIn(conn.db, username, password, { now, sleep }));
				return { results, delays };
			}
			const known = await attempts(await addStaff(), 'wrong');
			expect(await attempts(`nobody-${n}`, 'wrong')).toEqual(known);

			const disabled = await addStaff();
			await conn.db
				.updateTable('users')
				.set({ disabled: 1 })
				.where('username', '=', disabled)
				.execute();
			expect(await attempts(disabled, 'right-password')).toEqual(known);
		});

		it('locks after wrong passwords sent all at once, however many', async () => {
			const username = await addStaff();
			// PostgreSQL: separate pools, as several server processes would have. SQLite: the one
			// connection a server process has.
			const conns =
				conn.kind === 'postgres'
					? Array.from({ length: 5 }, () => connect(conn.url, { poolSize: 5 }))
					: [{ ...conn, close: async () => {} }];
			const now = new Date();
			await Promise.all(
				Array.from({ length: 25 }, (_, i) =>
					signIn(conns[i % conns.length]!.db, username, `wrong-${i}`, { now, sleep: noSleep })
				)
			);
			await Promise.all(conns.map((c) => c.close()));
			expect(
				await signIn(conn.db, username, 'right-password', { now, sleep: noSleep })
			).toMatchObject({
				ok: false,
				reason: 'locked'
			});
		});

		it('unlocks a name, known or not, with the user command, whose list shows locked accounts', async () => {
			const username = await addStaff();
			const stranger = `nobody-${n}`;
			for (const name of [username, stranger]) {
				for (let i = 0; i < 5; i++) await signIn(conn.db, name, 'wrong', { sleep: noSleep });
			}
			/** The project's own command, as an admin runs it, on this test's database. */
			const user = (...args: string[]) =>
				execFileSync('npx', ['tsx', 'scripts/user.ts', ...args, '--database', conn.url], {
					encoding: 'utf8'
				});

			expect(user('list')).toMatch(new RegExp(`^${username} .* locked until `, 'm'));
			user('unlock', username);
			user('unlock', stranger.toUpperCase());
			expect(await signIn(conn.db, username, 'right-password', { sleep: noSleep })).toMatchObject({
				ok: true
			});
			expect(await signIn(conn.db, stranger, 'wrong', { sleep: noSleep })).toEqual({
				ok: false,
				reason: 'bad_credentials'
			});
		});
		it('forgets the failures of unknown names a day after the last one, never a lock or an account’s', async () => {
			const known = await addStaff();
			const old = `gone-${n}`;
			const recent = `recent-${n}`;
			const lockedName = `locked-${n}`;
			const start = new Date(Date.now() - 3 * 24 * 3_600_000);
			await signIn(conn.db, old, 'wrong', { now: start, sleep: noSleep });
			await signIn(conn.db, known, 'wrong', { now: start, sleep: noSleep });
			const dayLater = new Date(start.getTime() + 25 * 3_600_000);
			// A lock running well past a day keeps its name, however old the failures.
			for (let i = 0; i < 5; i++) {
				await signIn(conn.db, lockedName, 'wrong', { now: start, sleep: noSleep });
			}
			await conn.db
				.updateTable('sign_in_attempts')
				.set({ locked_until: new Date(dayLater.getTime() + 3_600_000).toISOString() })
				.where('username', '=', lockedName)
				.execute();
			await signIn(conn.db, recent, 'wrong', {
				now: new Date(dayLater.getTime() - 3_600_000),
				sleep: noSleep
			});

			expect(await pruneSignInAttempts(conn.db, dayLater)).toBeGreaterThanOrEqual(1);
			const left = (await conn.db.selectFrom('sign_in_attempts').select('username').execute()).map(
				(r) => r.username
			);
			expect(left).not.toContain(old);
			expect(left).toEqual(expect.arrayContaining([known, recent, lockedName]));
		});
	});
}
