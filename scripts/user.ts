// `npm run user -- add --role staff --point chengxiang-centre --name 李明 li.ming` adds an account
// and prints a new password (or takes `--password`); `disable <username>`, `enable <username>`,
// `reset <username>` (prints a new password), `unlock <username>` (clears its wrong passwords and
// lock, for any name), `list` (with locks). Works on DATABASE_URL, else the SQLite file. The rules
// are the admin pages' own (src/lib/server/accounts), and every change goes to the audit log.
import { parseArgs } from 'node:util';
import {
	accountId,
	addAccount,
	resetPassword,
	setAccountDisabled,
	unlockAccount,
	type AccountOutcome
} from '../src/lib/server/accounts/manage';
import { COMMAND_LINE_SCOPE, ROLES } from '../src/lib/server/accounts/rules';
import {
	clearSignInFailures,
	lockedSignIns,
	normaliseUsername
} from '../src/lib/server/auth/sign-in';
import { connect } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { Role } from '../src/lib/server/db/schema';
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

/** The rules' refusals, as this command says them. */
const REFUSALS: Record<string, string> = {
	not_found: `no user "${username}"`,
	username_format: 'username: 3–50 letters, digits, dots, dashes or underscores',
	username_taken: `the username "${username}" is taken`,
	display_name: '--name: at most 50 characters',
	password_short: '--password needs at least 8 characters',
	password_weak:
		'--password is too easy to guess: not a common one, digits only, keys in a row or the user name',
	role_not_allowed: `--role must be ${ROLES.join(', ')}`,
	point_required: `--point <id> is required for ${values.role}`,
	point_unknown: `no point "${values.point}"`,
	point_not_centre: 'staff and town administrators belong to a service centre',
	out_of_scope: 'that point is outside the scope',
	self: 'not on one’s own account',
	last_admin: 'this is the last enabled city administrator'
};

/** An instant in Beijing time, as the points keep it: `2026-12-01 14:30`. */
function beijingTime(at: string): string {
	const clock = serviceClock(Date.parse(at));
	return `${clock.date} ${toHhmm(clock.minutes)}`;
}

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

function orFail<T>(outcome: AccountOutcome<T>): T {
	if (!outcome.ok) fail(REFUSALS[outcome.code] ?? outcome.code);
	return outcome;
}

async function idOf(name: string | undefined): Promise<string> {
	if (!name) fail(`usage: npm run user -- ${command} <username>`);
	return (await accountId(conn, name)) ?? fail(`no user "${name}"`);
}

try {
	await migrateToLatest(conn.db);
	if (command === 'add') {
		if (!username) fail('usage: npm run user -- add --role <role> [--point <id>] <username>');
		const role = values.role as Role;
		if (!ROLES.includes(role)) fail(REFUSALS.role_not_allowed!);
		const added = orFail(
			await addAccount(conn, COMMAND_LINE_SCOPE, {
				username,
				displayName: values.name ?? username,
				role,
				pointId: values.point ?? null,
				password: values.password
			})
		);
		console.log(
			`added ${role} ${username}${added.password ? `, password: ${added.password}` : ''}`
		);
	} else if (command === 'disable' || command === 'enable') {
		const id = await idOf(username);
		orFail(await setAccountDisabled(conn, COMMAND_LINE_SCOPE, id, command === 'disable'));
		console.log(`${command}d ${username}`);
	} else if (command === 'reset') {
		const { password } = orFail(
			await resetPassword(conn, COMMAND_LINE_SCOPE, await idOf(username))
		);
		console.log(`reset ${username}, password: ${password}`);
	} else if (command === 'unlock') {
		if (!username) fail('usage: npm run user -- unlock <username>');
		const id = await accountId(conn, username);
		const cleared = id
			? orFail(await unlockAccount(conn, COMMAND_LINE_SCOPE, id)).cleared
			: await clearSignInFailures(conn.db, username);
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
				`${u.username.padEnd(20)} ${u.role.padEnd(10)} ${(u.point_id ?? '—').padEnd(24)} ${status.padEnd(29)} ${u.display_name}`
			);
		}
		if (locks.size) console.log('\nlocked names with no account:');
		for (const [name, until] of locks) {
			console.log(`${name.padEnd(20)} locked until ${beijingTime(until)}`);
		}
	} else {
		fail('usage: npm run user -- add|disable|enable|reset|unlock|list …');
	}
} finally {
	await conn.close();
}
