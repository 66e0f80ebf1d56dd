import { baseLocale, extractLocaleFromCookie, overwriteGetLocale } from '$lib/paraglide/runtime';

/**
 * Every message looks up the language, by default in `document.cookie` and the address each
 * time (a search's results call hundreds of them a keystroke). It changes only with a reload
 * (`settings.setLanguage`), so it is read once; and only read: the runtime's own first look-up
 * also writes the cookie back, another round trip to the browser while the page starts.
 */
export function init(): void {
	const locale = extractLocaleFromCookie() ?? baseLocale;
	overwriteGetLocale(() => locale);
}
