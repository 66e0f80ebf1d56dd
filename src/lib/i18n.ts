import type { Text } from '$lib/catalog/types';
import { getLocale } from '$lib/paraglide/runtime';

/** The reader's language side of a bilingual catalogue text. */
export function tr(text: Text): string {
	return getLocale() === 'en' ? text.en : text.zh;
}
