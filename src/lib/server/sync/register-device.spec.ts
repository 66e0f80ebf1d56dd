import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/devices';
import { LOCK_MINUTES } from '../auth/sign-in';
import type { Role } from '../db/schema';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { handleRegisterDevice } from './http';

for (const target of testDatabases()) {
	describe(`agent sign-in at POST /api/devices on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let n = 0;
		const now = new Date('2026-12-01T02:00:00Z');
		const delays: number[] = [];
		const sleep = async (ms: number) => void delays.push(ms);

		const register = (username: string, password: string, at = now, deviceId?: string) =>
			handleRegisterDevice(
				conn,
				new Request('http://test.local/api/devices', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ agent: { username, password, deviceId } })
				}),
				{ now: at, sleep }
			);

		/** A new account whose password is `right-password`. */
		async function addUser(role: Role): Promise<string> {
			const username = `${role}-${++n}`;
			await addTestUser(conn.db, {
				username,
				displayName: `Agent ${n}`,
				role,
				pointId: 'tuanwang-proxy-6',
				password: 'right-password',
				createdAt: now.toISOString()
			});
			return username;
		}

		beforeAll(async () => {
			conn = await target.create();
		});
		afterAll(async () => conn?.drop());

		it('gives an agent’s device its token', async () => {
			const response = await register(await addUser('agent'), 'right-password');
			expect(response.status).toBe(201);
			expect(await response.json()).toMatchObject({
				token: expect.any(String),
				agent: { name: `Agent ${n}`, pointId: 'tuanwang-proxy-6' }
			});
		});

		it('slows wrong passwords as the staff sign-in does, then locks the agent', async () => {
			const username = await addUser('agent');
			delays.length = 0;
			for (let i = 0; i < 4; i++) {
				const response = await register(username, `wrong-${i}`);
				expect(response.status).toBe(401);
				expect((await response.json()).error.code).toBe('bad_credentials');
			}
			expect(delays).toEqual([250, 500, 1000, 2000]);

			for (const password of ['wrong-4', 'right-password']) {
				const locked = await register(username, password);
				expect(locked.status).toBe(429);
				expect(locked.headers.get('retry-after')).toBe(String(LOCK_MINUTES * 60));
				const { error } = await locked.json();
				expect(error.code).toBe('locked');
				expect(error.message).toContain('账号已锁定');
			}
			expect(delays).toEqual([250, 500, 1000, 2000, 4000]);

			const later = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
			expect((await register(username, 'right-password', later)).status).toBe(201);
		});

		it('gives an agent who signs in again their own device back, with a new token', async () => {
			const username = await addUser('agent');
			const first = await (await register(username, 'right-password')).json();
			const again = await (await register(username, 'right-password', now, first.deviceId)).json();
			expect(again.deviceId).toBe(first.deviceId);
			expect(again.token).not.toBe(first.token);
			const tokens = await conn.db
				.selectFrom('devices')
				.select('token_hash')
				.where('id', '=', first.deviceId)
				.execute();
			expect(tokens).toHaveLength(1);
			expect(tokens[0]!.token_hash).toBe(hashToken(again.token));
			// Another agent's device is never handed over: that agent gets a new one.
			const other = await (
				await register(await addUser('agent'), 'right-password', now, first.deviceId)
			).json();
			expect(other.deviceId).not.toBe(first.deviceId);
		});

		it('registers a phone only for an empty body or an object, never for other JSON', async () => {
			for (const body of ['null', '[]', '[null]', '"x"', '5']) {
				const response = await handleRegisterDevice(
					conn,
					new Request('http://test.local/api/devices', { method: 'POST', body })
				);
				expect(response.status).toBe(400);
			}
			const phone = await handleRegisterDevice(
				conn,
				new Request('http://test.local/api/devices', { method: 'POST', body: '{}' })
			);
			expect(phone.status).toBe(201);
		});

		it('registers no agent device for another role, and answers its right password as a wrong one', async () => {
			// The same answer after the same delay, counted alike: the phone's sign-in confirms no
			// staff or administrator password.
			for (const password of ['right-password', 'wrong']) {
				delays.length = 0;
				const response = await register(await addUser('staff'), password);
				expect(response.status, password).toBe(401);
				expect((await response.json()).error.code, password).toBe('bad_credentials');
				expect(delays, password).toEqual([250]);
			}
		});

		it('registers a resident phone for an empty body of any kind; names the body when it is no object or too large', async () => {
			const post = (body: string | undefined, type?: string) =>
				handleRegisterDevice(
					conn,
					new Request('http://test.local/api/devices', {
						method: 'POST',
						headers: type ? { 'content-type': type } : {},
						body
					})
				);
			expect((await post(undefined)).status).toBe(201);
			expect((await post('', 'application/json')).status).toBe(201);
			expect((await post('  \n', 'application/json')).status).toBe(201);
			expect((await post('{}', 'application/json')).status).toBe(201);
			for (const body of ['null', '[]', '42', '"x"']) {
				const res = await post(body, 'application/json');
				expect(res.status, body).toBe(400);
				expect((await res.json()).error.fields[0].field, body).toBe('body');
			}
			const large = await post(JSON.stringify({ pad: 'x'.repeat(20_000) }), 'application/json');
			expect(large.status).toBe(413);
			const { error } = await large.json();
			expect(error.fields[0].field).toBe('body');
			expect(error.message).not.toMatch(/50/);
		});
	});
}
