import { getLocale } from '$lib/paraglide/runtime';

// Apart from i18n.ts, which every resident page loads: only code loaded on use lists this way.

/** Items run together as a language lists them (the reader's, unless named): 甲、乙 or A, B. */
export function listed(items: string[], locale = getLocale()): string {
	return items.join(listSeparator(locale));
}

/** What runs between two items of a list, for a list written piece by piece. */
export const listSeparator = (locale = getLocale()) => (locale === 'en' ? ', ' : '、');
