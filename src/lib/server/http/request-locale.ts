import { AsyncLocalStorage } from 'node:async_hooks';
import {
	extractLocaleFromRequest,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';

/** The language of the request being served, where the messages' `getLocale()` finds it. */
const store = new AsyncLocalStorage<{
	locale?: Locale;
	origin?: string;
	messageCalls?: Set<string>;
}>();
overwriteServerAsyncLocalStorage(store);

/**
 * Runs `fn` in the language the request asks for (its language cookie, else Chinese), with `url`
 * its address as SvelteKit already read it: what paraglide's middleware does for this app's
 * strategies, without the copy of the request it makes for sites whose addresses carry the
 * language. That copy (a clone splitting the body's stream, then a new Request from it) was paid
 * by every request, an upload or a sync's ops included.
 */
export function inRequestLocale<T>(request: Request, url: URL, fn: (locale: Locale) => T): T {
	const locale = extractLocaleFromRequest(request);
	return store.run({ locale, origin: url.origin, messageCalls: new Set() }, () => fn(locale));
}
