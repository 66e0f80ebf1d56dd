import type { PageLoad } from './$types';
import { catalogView } from '$lib/catalog/source';

export const load = (async ({ fetch, depends }) => {
	depends('app:catalog');
	return catalogView(fetch, 'home');
}) satisfies PageLoad;
