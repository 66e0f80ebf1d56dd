import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import { migrateToLatest } from './migrate';

for (const target of testDatabases()) {
	describe(`the town administrator's role, added to a database in use, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create({ migrate: false });
			await migrateToLatest(conn.db, '009_national_calendar');
			const at = new Date().toISOString();
			await conn.db
				.insertInto('users')
				.values({
					id: 'u1',
					username: 'li.ming',
					display_name: '李明',
					role: 'staff',
					point_id: 'guliu-centre',
					password_hash: 'x',
					created_at: at
				})
				.execute();
			await conn.db
				.insertInto('devices')
				.values({ id: 'd1', token_hash: 't1', user_id: 'u1', created_at: at })
				.execute();
			await conn.db
				.insertInto('sessions')
				.values({ token_hash: 's1', user_id: 'u1', created_at: at, expires_at: at })
				.execute();
			await migrateToLatest(conn.db);
		});
		afterAll(async () => conn?.drop());

		it('keeps every account, and what refers to it', async () => {
			expect(await conn.db.selectFrom('users').selectAll().execute()).toMatchObject([
				{ id: 'u1', username: 'li.ming', role: 'staff', point_id: 'guliu-centre', disabled: 0 }
			]);
			const joined = await conn.db
				.selectFrom('sessions')
				.innerJoin('users', 'users.id', 'sessions.user_id')
				.innerJoin('devices', 'devices.user_id', 'users.id')
				.select(['users.username', 'devices.id'])
				.execute();
			expect(joined).toEqual([{ username: 'li.ming', id: 'd1' }]);
		});

		it('takes the new role and refuses an unknown one', async () => {
			const row = (id: string, role: string) => ({
				id,
				username: id,
				display_name: id,
				role: role as 'town_admin',
				point_id: 'guliu-centre',
				password_hash: 'x',
				created_at: new Date().toISOString()
			});
			await conn.db.insertInto('users').values(row('town', 'town_admin')).execute();
			await expect(
				conn.db.insertInto('users').values(row('bad', 'king')).execute()
			).rejects.toThrow();
			// Usernames stay unique.
			await expect(
				conn.db
					.insertInto('users')
					.values({ ...row('u2', 'staff'), username: 'li.ming' })
					.execute()
			).rejects.toThrow();
		});
	});
}
