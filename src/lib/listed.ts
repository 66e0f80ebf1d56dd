import { getLocale } from '$lib/paraglide/runtime';

// Apart from i18n.ts, which every resident page loads: only the workspace's pages list this way.

/** Items run together as the reader's language lists them: 甲、乙 or A, B. */
export function listed(items: string[]): string {
	return items.join(getLocale() === 'en' ? ', ' : '、');
}
