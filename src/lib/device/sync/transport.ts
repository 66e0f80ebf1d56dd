import * as v from 'valibot';

/** Why a request failed for now: no connection, a busy server (408, 429), the server's fault. */
export type FailureReason = 'offline' | 'busy' | 'server';

/** A failure worth retrying later: the network, a timeout, too many requests, the server's fault. */
export class RetryLater extends Error {
	constructor(
		message: string,
		readonly retryAfterMs: number | null = null,
		readonly reason: FailureReason = 'server'
	) {
		super(message);
	}
}

/** The server does not know this device's token (any more). */
export class Unauthorized extends Error {}

/** The request's body was over the server's limit. */
export class TooLarge extends Error {}

/** Refused for good, with the server's words: the same request would be refused again. */
export class Refused extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly code: string | null
	) {
		super(message);
	}
}

/** `Retry-After` is obeyed within these bounds: never at once in a loop, never for days. */
export const MIN_RETRY_AFTER_MS = 1_000;
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds, within the bounds; null if none. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
	if (!header) return null;
	const text = header.trim();
	const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
	if (!Number.isFinite(ms)) return null;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}

const errorBody = v.object({
	error: v.object({ code: v.optional(v.string()), message: v.optional(v.string()) })
});

/** One request; its failures sorted into the classes above. */
export async function call(
	fetchFn: typeof fetch,
	url: string,
	init: RequestInit
): Promise<Response> {
	let response: Response;
	try {
		response = await fetchFn(url, { ...init, cache: 'no-store' });
	} catch (error) {
		throw new RetryLater(error instanceof Error ? error.message : String(error), null, 'offline');
	}
	if (response.ok) return response;
	const parsed = v.safeParse(errorBody, await response.json().catch(() => null));
	const said = parsed.success ? parsed.output.error : {};
	const message = said.message ?? `HTTP ${response.status}`;
	if (response.status === 401) throw new Unauthorized(message);
	if (response.status === 413) throw new TooLarge(message);
	if (response.status === 408 || response.status === 429 || response.status >= 500) {
		const reason = response.status >= 500 ? 'server' : 'busy';
		throw new RetryLater(message, retryAfterMs(response.headers.get('retry-after')), reason);
	}
	throw new Refused(message, response.status, said.code ?? null);
}
