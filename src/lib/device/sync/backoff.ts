import { getMeta, setMeta } from '../db';
import { justBackOnline } from './back-online';
import { RetryLater } from './transport';

export const FIRST_RETRY_MS = 2_000;
export const LAST_RETRY_MS = 5 * 60_000;
/**
 * The longest wait after requests that never got an answer (a weak or lost link): they cost the
 * server nothing, and the link may come back without the browser saying so.
 */
export const LINK_LAST_RETRY_MS = 30_000;

/** The wait after the n-th failure in a row: 2 s doubling to `last` (5 min), jittered by ±50 %. */
export function backoffMs(failures: number, random = Math.random, last = LAST_RETRY_MS): number {
	return Math.min(last, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1)) * (0.5 + random());
}

/** The wait before trying again when a request finds no link just after the phone came back online. */
const BACK_ONLINE_RETRY_MS = 500;

/** The phone says it has no connection (the `online` event retries at once when it has again). */
const knownOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * The backoff is kept on the device, not in one tab: every tab and the service worker wait the
 * same time after a failure (as `backoffMs` says, or as the server's `Retry-After` says).
 */
export async function noteFailure(error: RetryLater): Promise<RetryLater> {
	const before = (await getMeta<number>('flush-failures')) ?? 0;
	// Failing while offline says nothing of the server: the count stays, so the first try when the
	// connection returns is not held back by the time spent without one.
	const offline = error.reason === 'offline' && knownOffline();
	const comingBack = error.reason === 'offline' && justBackOnline();
	const failures = offline || comingBack ? before : before + 1;
	const wait =
		error.retryAfterMs ??
		(comingBack
			? BACK_ONLINE_RETRY_MS
			: offline
				? backoffMs(1)
				: backoffMs(
						failures,
						Math.random,
						error.reason === 'offline' ? LINK_LAST_RETRY_MS : LAST_RETRY_MS
					));
	await setMeta('flush-failures', failures);
	await setMeta('flush-not-before', Date.now() + wait);
	return new RetryLater(error.message, wait, error.reason);
}

export async function noteSuccess(): Promise<void> {
	await setMeta('flush-failures', 0);
	await setMeta('flush-not-before', 0);
}

/** How long the device still waits after its last failure. */
export async function backoffLeft(): Promise<number> {
	return Math.max(0, ((await getMeta<number>('flush-not-before')) ?? 0) - Date.now());
}
