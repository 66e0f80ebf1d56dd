import { m } from '$lib/paraglide/messages';

/** What an error page says first: not found, not allowed, or that something went wrong. */
export function errorHeading(status: number, error: App.Error | null): string {
	if (status === 404) return m.error_not_found();
	// A refusal is worded by the server that refused, in the reader's language.
	if (status === 403 && error?.message) return error.message;
	return m.error_title();
}
