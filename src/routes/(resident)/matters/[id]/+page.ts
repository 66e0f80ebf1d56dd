import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { catalogView } from '$lib/catalog/source';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ fetch, depends, params }) => {
	depends('app:catalog');
	const view = await catalogView(fetch, 'matter', { id: params.id });
	if (!view) error(404, m.error_not_found());
	return view;
}) satisfies PageLoad;
