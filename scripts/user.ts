// `npm run user -- add --role staff --point chengxiang-centre --name 李明 li.ming` adds an account
// and prints a new password (or takes `--password`); `disable <username>`, `enable <username>`,
// `unlock <username>` (clears its wrong passwords and lock, for any name), `list` (with locks).
// Works on DATABASE_URL, else the SQLite file.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/lib/server/auth/password';
import {
	clearSignInFailures,
	lockedSignIns,
	normaliseUsername
} from '../src/lib/server/auth/sign-in';
import { connect } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { serviceClock, toHhmm } from '../src/lib/time';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		role: { type: 'string' },
		point: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		database: { type: 'string' }
	}
});
const [command, username] = positionals;
const url =
	values.database ?? process.env.DATABASE_URL ?? process.env.SQLITE_FILE ?? 'data/one-window.db';
const conn = connect(url);

/** An instant in Beijing time, as the points keep it: `2026-12-01 14:30`. */
function beijingTime(at: string): string {
	const clock = serviceClock(Date.parse(at));
	return `${clock.date} ${toHhmm(clock.minutes)}`;
}

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

try {
	await migrateToLatest(conn.db);
	if (command === 'add') {
		if (!username || !/^[\w.-]{3,50}$/.test(username)) {
			fail('username: 3–50 letters, digits, dots, dashes or underscores');
		}
		const role = values.role;
		if (role !== 'staff' && role !== 'agent' && role !== 'admin') {
			fail('--role must be staff, agent or admin');
		}
		if (role !== 'admin' && !values.point) fail(`--point <id> is required for ${role}`);
		if (role !== 'admin') {
			const point = await conn.db
				.selectFrom('points')
				.select(['id', 'kind'])
				.where('id', '=', values.point!)
				.executeTakeFirst();
			if (!point) fail(`no point "${values.point}"`);
			if (role === 'staff' && point.kind !== 'centre') fail('staff belong to a service centre');
		}
		const password = values.password ?? randomBytes(9).toString('base64url');
		if (password.length < 8) fail('--password needs at least 8 characters');
		await conn.db
			.insertInto('users')
			.values({
				id: randomUUID(),
				username,
				display_name: values.name ?? username,
				role,
				point_id: role === 'admin' ? null : values.point!,
				password_hash: await hashPassword(password),
				created_at: new Date().toISOString()
			})
			.execute();
		console.log(`added ${role} ${username}${values.password ? '' : `, password: ${password}`}`);
	} else if (command === 'disable' || command === 'enable') {
		if (!username) fail(`usage: npm run user -- ${command} <username>`);
		const result = await conn.db
			.updateTable('users')
			.set({ disabled: command === 'disable' ? 1 : 0 })
			.where('username', '=', username)
			.executeTakeFirst();
		if (!Number(result.numUpdatedRows)) fail(`no user "${username}"`);
		await clearSignInFailures(conn.db, username);
		if (command === 'disable') {
			const user = await conn.db
				.selectFrom('users')
				.select('id')
				.where('username', '=', username)
				.executeTakeFirstOrThrow();
			await conn.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
		}
		console.log(`${command}d ${username}`);
	} else if (command === 'unlock') {
		if (!username) fail('usage: npm run user -- unlock <username>');
		const cleared = await clearSignInFailures(conn.db, username);
		console.log(cleared ? `unlocked ${username}` : `no wrong passwords recorded for ${username}`);
	} else if (command === 'list') {
		const users = await conn.db
			.selectFrom('users')
			.select(['username', 'role', 'point_id', 'disabled', 'display_name'])
			.orderBy('username')
			.execute();
		const locks = new Map((await lockedSignIns(conn.db)).map((l) => [l.username, l.lockedUntil]));
		for (const u of users) {
			const until = locks.get(normaliseUsername(u.username));
			locks.delete(normaliseUsername(u.username));
			const status = u.disabled
				? 'disabled'
				: until
					? `locked until ${beijingTime(until)}`
					: 'active';
			console.log(
				`${u.username.padEnd(20)} ${u.role.padEnd(6)} ${(u.point_id ?? '—').padEnd(24)} ${status.padEnd(29)} ${u.display_name}`
			);
		}
		if (locks.size) console.log('\nlocked names with no account:');
		for (const [name, until] of locks) {
			console.log(`${name.padEnd(20)} locked until ${beijingTime(until)}`);
		}
	} else {
		fail('usage: npm run user -- add|disable|enable|unlock|list …');
	}
} finally {
	await conn.close();
}
