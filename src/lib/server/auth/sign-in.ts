import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword, verifyPassword } from './password';

/** Failures in a row before the account locks, and for how long. */
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

// Compared against when the user does not exist, so both cases take the time of one hash.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a sign-in. Each failure is answered after a growing delay; the fifth in a row locks the
 * account for 15 minutes, during which even the right password is refused.
 */
export async function signIn(
	db: Kysely<Database>,
	username: string,
	password: string,
	{ now = new Date(), sleep = wait }: SignInClock = {}
): Promise<SignInResult> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'disabled', 'failed_count', 'locked_until'])
		.where('username', '=', username)
		.executeTakeFirst();
	if (!user) {
		await verifyPassword(password, await (dummyHash ??= hashPassword('not-a-password')));
		await sleep(failureDelayMs(1));
		return { ok: false, reason: 'bad_credentials' };
	}
	if (user.locked_until && user.locked_until > now.toISOString()) {
		return { ok: false, reason: 'locked', until: user.locked_until };
	}
	const right = !user.disabled && (await verifyPassword(password, user.password_hash));
	if (right) {
		await db
			.updateTable('users')
			.set({ failed_count: 0, locked_until: null })
			.where('id', '=', user.id)
			.execute();
		return { ok: true, userId: user.id };
	}
	const counted = await countFailure(db, user.id, now);
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
	userId: string,
	now: Date
): Promise<{ failures: number; lockedUntil: string | null }> {
	const at = now.toISOString();
	const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
	const row = await db
		.updateTable('users')
		.set((eb) => {
			const failures = eb
				.case()
				.when('locked_until', '<=', at)
				.then(1)
				.else(eb('failed_count', '+', 1))
				.end();
			return {
				failed_count: failures,
				locked_until: eb
					.case()
					.when('locked_until', '>', at)
					.then(eb.ref('locked_until'))
					.when(failures, '>=', MAX_FAILURES)
					.then(until)
					.else(null)
					.end()
			};
		})
		.where('id', '=', userId)
		.returning(['failed_count', 'locked_until'])
		.executeTakeFirstOrThrow();
	return { failures: row.failed_count, lockedUntil: row.locked_until };
}
