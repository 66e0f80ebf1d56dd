import type { HandleServerError } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The client closed the connection before its request's body had arrived (a weak link). */
function clientWentAway(error: unknown): boolean {
	const e = error as { code?: unknown; message?: unknown } | null;
	return e?.code === 'ECONNRESET' && e.message === 'aborted';
}

/**
 * Logs an unexpected error, as SvelteKit does by default, except a request its client abandoned:
 * on village links that is common, no fault of the server, and would fill the log with 500s.
 * What SvelteKit refuses itself (no such page or form action, a method a route does not take) is
 * no fault either, and is said in the reader's language.
 */
export const reportServerError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	if (status === 405) return { message: m.error_method_not_allowed() };
	if (!clientWentAway(error)) {
		console.error(`[${status}] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message };
};
