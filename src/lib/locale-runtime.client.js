// The browser's language runtime, in place of the one Paraglide generates (see
// scripts/client-locale-runtime.js): the language comes from its cookie, read once, and changes only
// with a reload, so the generated runtime's other ways of finding it (the address, local storage,
// the browser's languages) and its cookie re-reads would be code every page loads and never runs.
import {
	baseLocale,
	cookieDomain,
	cookieMaxAge,
	cookieName,
	toLocale
} from './paraglide/runtime.js';

export { baseLocale, experimentalStaticLocale, locales } from './paraglide/runtime.js';

/** @typedef {import('./paraglide/runtime.js').Locale} Locale */

/** @returns {Locale} */
function fromCookie() {
	const prefix = `${cookieName}=`;
	const value = document.cookie
		.split('; ')
		.find((c) => c.startsWith(prefix))
		?.slice(prefix.length);
	// Read as the server reads it (any capitals), so that both render the same language.
	return toLocale(value) ?? baseLocale;
}

/** @type {Locale | undefined} */
let current;

/** @returns {Locale} */
export const getLocale = () => (current ??= fromCookie());

/**
 * A message of the browser's build, from its two translations: the reader's language, or the one
 * the call names, picks which.
 * @template I
 * @param {(inputs: I) => string} zh
 * @param {(inputs: I) => string} en
 */
export const translated =
	(zh, en) =>
	/** @param {I} inputs @param {{ locale?: Locale }} [options] */
	(inputs, options) =>
		((options?.locale ?? getLocale()) === 'en' ? en : zh)(inputs);

/**
 * Remembers the language and reloads the page, which the server renders in it.
 * @param {Locale} locale
 * @param {{ reload?: boolean }} [options]
 */
export function setLocale(locale, options) {
	const domain = cookieDomain ? `; domain=${cookieDomain}` : '';
	document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}${domain}`;
	if (locale !== getLocale() && options?.reload !== false) location.reload();
}
