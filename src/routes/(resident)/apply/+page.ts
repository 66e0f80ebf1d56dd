import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { askedBy } from '$lib/catalog/asked';
import { catalogView } from '$lib/catalog/source';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ fetch, depends, url }) => {
	depends('app:catalog');
	const q = url.searchParams;
	const view = await catalogView(fetch, 'apply', {
		matter: q.get('matter') ?? '',
		point: q.get('point') ?? '',
		bundle: q.get('bundle') ?? ''
	});
	if (!view) error(404, m.error_not_found());
	// A link kept or shared may name a time that has already begun: it is no longer on offer.
	const slots = (q.get('slots') ?? '')
		.split(',')
		.filter((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/.test(s) && Date.parse(s) > Date.now());
	return {
		...view,
		asked: await askedBy(view.matters),
		slots: slots.slice(0, 3),
		fix: q.get('fix')
	};
}) satisfies PageLoad;
