import { getLocale } from '$lib/paraglide/runtime';

// Apart from i18n.ts, which every resident page loads: only the workspace's pages list this way.

/** Items run together as a language lists them (the reader's, unless named): 甲、乙 or A, B. */
export function listed(items: string[], locale = getLocale()): string {
	return items.join(locale === 'en' ? ', ' : '、');
}
