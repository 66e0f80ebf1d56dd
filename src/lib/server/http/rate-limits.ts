import { env } from '$env/dynamic/private';
import cluster from 'node:cluster';
import {
	RateLimiterCluster,
	RateLimiterMemory,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { m } from '$lib/paraglide/messages';
import { apiError } from './errors';

/**
 * Requests allowed per window. The defaults leave room for a village point where many residents
 * register their phones behind one address, and for an agent's phone sending a long outbox.
 */
export interface RateLimitConfig {
	/** New devices per client address, per minute and per hour. */
	devicesPerMinute: number;
	devicesPerHour: number;
	/** `POST` and `GET /api/sync` per device per minute. */
	syncPerMinute: number;
	/** Photo uploads per device per minute. */
	uploadsPerMinute: number;
}

const number = (value: string | undefined, fallback: number) =>
	value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : fallback;

export function configFromEnv(): RateLimitConfig {
	return {
		devicesPerMinute: number(env.RATE_LIMIT_DEVICES_PER_MINUTE, 60),
		devicesPerHour: number(env.RATE_LIMIT_DEVICES_PER_HOUR, 600),
		syncPerMinute: number(env.RATE_LIMIT_SYNC_PER_MINUTE, 120),
		uploadsPerMinute: number(env.RATE_LIMIT_UPLOADS_PER_MINUTE, 300)
	};
}

type Bucket = 'devices' | 'sync' | 'uploads';

/**
 * Counted in this process alone, or, when `server.js` runs one process per core, by the primary
 * for all of them (so a client cannot multiply its allowance by the number of processes).
 */
function limiter(points: number, duration: number, keyPrefix: string): RateLimiterAbstract {
	return cluster.isWorker
		? new RateLimiterCluster({ points, duration, keyPrefix, timeoutMs: 2000 })
		: new RateLimiterMemory({ points, duration, keyPrefix });
}

function limitersOf(config: RateLimitConfig): Record<Bucket, RateLimiterAbstract[]> {
	const make = (points: number, duration: number, keyPrefix: string) =>
		points > 0 ? [limiter(points, duration, keyPrefix)] : [];
	return {
		devices: [
			...make(config.devicesPerMinute, 60, 'dm'),
			...make(config.devicesPerHour, 3600, 'dh')
		],
		sync: make(config.syncPerMinute, 60, 's'),
		uploads: make(config.uploadsPerMinute, 60, 'u')
	};
}

let limiters: Record<Bucket, RateLimiterAbstract[]> | undefined;

/** Replaces the limits (and forgets what was counted): for tests and tuning. */
export function configureRateLimits(config: Partial<RateLimitConfig>): void {
	limiters = limitersOf({ ...configFromEnv(), ...config });
}

/** The answer to a client over a limit: 429, and when to try again. */
export function rateLimited(seconds: number): Response {
	return apiError(429, 'rate_limited', m.err_rate_limited(), [], {
		'Retry-After': String(seconds),
		'Cache-Control': 'no-store'
	});
}

/**
 * Counts one request of `key` (a client address or a device) in `bucket`; over the limit, the
 * answer to give instead: 429 with `Retry-After`.
 */
export async function refuseOverLimit(bucket: Bucket, key: string): Promise<Response | null> {
	limiters ??= limitersOf(configFromEnv());
	for (const limiter of limiters[bucket]) {
		try {
			await limiter.consume(key);
		} catch (refusal) {
			if (!(refusal instanceof RateLimiterRes)) {
				// The counter could not be asked (the primary process busy or gone): let it through.
				console.error('rate limit not checked', refusal);
				continue;
			}
			return rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
		}
	}
	return null;
}
