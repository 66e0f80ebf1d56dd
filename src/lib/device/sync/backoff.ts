import { getMeta, setMeta } from '../db';
import { RetryLater } from './transport';

export const FIRST_RETRY_MS = 2_000;
export const LAST_RETRY_MS = 5 * 60_000;

/** The wait after the n-th failure in a row: 2 s doubling to 5 min, jittered by ±50 %. */
export function backoffMs(failures: number, random = Math.random): number {
	return (
		Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1)) * (0.5 + random())
	);
}

/**
 * The backoff is kept on the device, not in one tab: every tab and the service worker wait the
 * same time after a failure (as `backoffMs` says, or as the server's `Retry-After` says).
 */
export async function noteFailure(error: RetryLater): Promise<RetryLater> {
	const failures = ((await getMeta<number>('flush-failures')) ?? 0) + 1;
	const wait = error.retryAfterMs ?? backoffMs(failures);
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
