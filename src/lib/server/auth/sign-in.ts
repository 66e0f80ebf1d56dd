import { sql, type Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import { hashPassword, verifyPassword } from './password';

/** Failures in a row before the user name locks, and for how long. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'bad_credentials' }
	| { ok: false; reason: 'locked'; until: string };

/** Slows each failure more than the last: 0.25 s, 0.5 s, 1 s, 2 s, … */
export function failureDelayMs(failures: number): number {
	return Math.min(250 * 2 ** Math.max(0, failures - 1), 8000);
}

/** The time of a sign-in and how it waits; tests pass their own. */
export interface SignInClock {
	now?: Date;
	sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The key failures are counted under: `Li.Ming ` and `li.ming` are one name. */
export function normaliseUsername(username: string): string {
	return username.normalize('NFKC').trim().toLowerCase();
}

// Compared against when the user does not exist, so both cases take the time of one hash.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a sign-in. Each failure is answered after a growing delay; the fifth in a row locks the
 * user name for 15 minutes, during which even the right password is refused. Failures are counted
 * per name whether or not an account has it, and a disabled account's right password is a
 * failure too, so the answers tell nothing of which names exist. `roles`: the roles that sign in
 * here; another role's right password is a failure as well, so that it is not confirmed here.
 */
export async function signIn(
	db: Kysely<Database>,
	username: string,
	password: string,
	{ now = new Date(), sleep = wait }: SignInClock = {},
	roles?: readonly Role[]
): Promise<SignInResult> {
	const name = normaliseUsername(username);
	const at = now.toISOString();
	const lock = await db
		.selectFrom('sign_in_attempts')
		.select('locked_until')
		.where('username', '=', name)
		.where('locked_until', '>', at)
		.executeTakeFirst();
	if (lock?.locked_until) return { ok: false, reason: 'locked', until: lock.locked_until };

	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'disabled', 'role'])
		.where('username', '=', username)
		.executeTakeFirst();
	const hash = user?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-password')));
	const matches = await verifyPassword(password, hash);
	if (user && !user.disabled && matches && (!roles || roles.includes(user.role))) {
		// Only a lock that has run out is cleared: one set meanwhile by failures elsewhere holds.
		await db
			.deleteFrom('sign_in_attempts')
			.where('username', '=', name)
			.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
			.execute();
		return { ok: true, userId: user.id };
	}
	const counted = await countFailure(db, name, now);
	await sleep(failureDelayMs(counted.failures));
	return counted.lockedUntil
		? { ok: false, reason: 'locked', until: counted.lockedUntil }
		: { ok: false, reason: 'bad_credentials' };
}

/**
 * Counts one failure in a single statement, so that failures arriving together are all counted:
 * the count restarts after a lock has run out, and the failure that reaches MAX_FAILURES locks.
 */
async function countFailure(
	db: Kysely<Database>,
	name: string,
	now: Date
): Promise<{ failures: number; lockedUntil: string | null }> {
	const at = now.toISOString();
	const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
	const row = await db
		.insertInto('sign_in_attempts')
		.values({ username: name, failed_count: 1, locked_until: null, last_failed_at: at })
		.onConflict((oc) =>
			oc.column('username').doUpdateSet((eb) => {
				const lockedUntil = eb.ref('sign_in_attempts.locked_until');
				const failures = eb
					.case()
					.when(lockedUntil, '<=', at)
					.then(1)
					.else(eb('sign_in_attempts.failed_count', '+', 1))
					.end();
				return {
					last_failed_at: at,
					failed_count: failures,
					locked_until: eb
						.case()
						.when(lockedUntil, '>', at)
						.then(lockedUntil)
						.when(failures, '>=', MAX_FAILURES)
						.then(until)
						.else(null)
						.end()
				};
			})
		)
		.returning(['failed_count', 'locked_until'])
		.executeTakeFirstOrThrow();
	return { failures: row.failed_count, lockedUntil: row.locked_until };
}

/** Forgets the failures and lock of a user name, known or not; whether there were any. */
export async function clearSignInFailures(
	db: Kysely<Database>,
	username: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('sign_in_attempts')
		.where('username', '=', normaliseUsername(username))
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** The user names locked now, known or not, each with the end of its lock. */
export async function lockedSignIns(
	db: Kysely<Database>,
	now = new Date()
): Promise<{ username: string; lockedUntil: string }[]> {
	const rows = await db
		.selectFrom('sign_in_attempts')
		.select(['username', 'locked_until'])
		.where('locked_until', '>', now.toISOString())
		.orderBy('username')
		.execute();
	return rows.map((r) => ({ username: r.username, lockedUntil: r.locked_until! }));
}

/** How long the wrong passwords of a name no account has are kept after its latest one. */
export const UNKNOWN_NAME_KEEP_HOURS = 24;

/**
 * Forgets the failures of names no account has, a day after their latest one and once any lock
 * has run out: guessed names would otherwise pile up for ever. An account's failures stay until
 * it signs in or is unlocked. Answers how many names were forgotten.
 */
export async function pruneSignInAttempts(db: Kysely<Database>, now = new Date()): Promise<number> {
	const at = now.toISOString();
	const before = new Date(now.getTime() - UNKNOWN_NAME_KEEP_HOURS * 3_600_000).toISOString();
	const result = await db
		.deleteFrom('sign_in_attempts')
		.where((eb) =>
			eb.and([
				eb.or([eb('last_failed_at', 'is', null), eb('last_failed_at', '<', before)]),
				eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]),
				eb.not(
					eb.exists(
						eb
							.selectFrom('users')
							.select('users.id')
							.where(sql<string>`lower(users.username)`, '=', eb.ref('sign_in_attempts.username'))
					)
				)
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
