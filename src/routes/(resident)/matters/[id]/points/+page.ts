import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { catalogView } from '$lib/catalog/source';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ fetch, depends, params, url }) => {
	depends('app:catalog');
	const view = await catalogView(fetch, 'matterPoints', {
		id: params.id,
		bundle: url.searchParams.get('bundle') ?? ''
	});
	if (!view) error(404, m.error_not_found());
	return view;
}) satisfies PageLoad;
