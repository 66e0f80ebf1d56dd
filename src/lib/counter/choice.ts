import type { Cookies } from '@sveltejs/kit';

/** The counter (window) this browser serves at, chosen on the queue page; the day's figures use it. */
export const COUNTER_COOKIE = 'ow_counter';

/** Whether the queue's single-key shortcuts are on: they are, unless turned off in this browser. */
export const KEYS_COOKIE = 'ow_keys';

/** Turns the single-key shortcuts on or off in this browser, for its next pages too. */
export function rememberKeys(on: boolean): void {
	document.cookie = `${KEYS_COOKIE}=${on ? 'on' : 'off'}; path=/staff; max-age=31536000; samesite=lax`;
}

/** What the counter pages' loads depend on: their day's tickets, applications and figures. */
export const COUNTER_DAY = 'staff:day';

export function counterOf(value: unknown): number | null {
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}

/**
 * The counter this browser serves at: the one chosen here, or the only one a point has. Null where
 * a point has several and none was chosen: the hall display would call residents to a counter the
 * clerk is not at, as two clerks both left at 1号窗口 did.
 */
export function chosenCounter(cookies: Cookies, counters: number): number | null {
	return counterOf(cookies.get(COUNTER_COOKIE)) ?? (counters <= 1 ? 1 : null);
}

export function keysOn(cookies: Cookies): boolean {
	return cookies.get(KEYS_COOKIE) !== 'off';
}
