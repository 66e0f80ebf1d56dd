import type { HandleServerError } from '@sveltejs/kit';

/** The client closed the connection before its request's body had arrived (a weak link). */
function clientWentAway(error: unknown): boolean {
	const e = error as { code?: unknown; message?: unknown } | null;
	return e?.code === 'ECONNRESET' && e.message === 'aborted';
}

/**
 * Logs an unexpected error, as SvelteKit does by default, except a request its client abandoned:
 * on village links that is common, no fault of the server, and would fill the log with 500s.
 */
export const reportServerError: HandleServerError = ({ error, event, status, message }) => {
	if (!clientWentAway(error)) {
		console.error(`[${status}] ${event.request.method} ${event.url.pathname}`, error);
	}
	return { message };
};
