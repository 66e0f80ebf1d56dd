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
	now = new Date(),
	sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
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
	const failures = user.failed_count + 1;
	const locked = failures >= MAX_FAILURES;
	const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
	await db
		.updateTable('users')
		.set({ failed_count: locked ? 0 : failures, locked_until: locked ? until : null })
		.where('id', '=', user.id)
		.execute();
	await sleep(failureDelayMs(failures));
	return locked ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'bad_credentials' };
}
