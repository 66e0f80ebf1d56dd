const HERE = 'http://here.invalid';

/**
 * Where to send a user after signing in: only a path on this site, as given in `?next=`. Anything
 * a browser would take to another site (`//host`, `/\host`, `https://…`) gives the fallback.
 */
export function safeNext(next: string | null, fallback = '/staff'): string {
	if (!next || !next.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(next, HERE);
	} catch {
		return fallback;
	}
	return url.origin === HERE ? url.pathname + url.search + url.hash : fallback;
}
