import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

/**
 * Every message looks up the language, by default in `document.cookie` and the address each
 * time (a search's results call hundreds of them a keystroke). It changes only with a reload
 * (`settings.setLanguage`), so it is read once.
 */
export function init(): void {
	const locale = getLocale();
	overwriteGetLocale(() => locale);
}
