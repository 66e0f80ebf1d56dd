import { m } from '$lib/paraglide/messages';

/** What an error page says first: not found, not allowed, or that something went wrong. */
export function errorHeading(status: number): string {
	if (status === 404) return m.error_not_found();
	if (status === 403) return m.error_forbidden();
	return m.error_title();
}
