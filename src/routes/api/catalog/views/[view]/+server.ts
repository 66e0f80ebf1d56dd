import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isCatalogViewName, runCatalogView } from '$lib/catalog/views';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { apiError, fieldError } from '$lib/server/http/errors';

/** The views of one thing, named by `?id=`, and what that thing is called. */
const OF_ONE: Record<string, () => string> = {
	matter: m.field_matter,
	matterPoints: m.field_matter,
	point: m.field_point
};

/** One page's view of the catalogue, for the server-rendered first visit. */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!isCatalogViewName(params.view)) {
		return apiError(404, 'view_not_found', m.err_not_found({ field: params.view }));
	}
	if (Object.hasOwn(OF_ONE, params.view) && !url.searchParams.get('id')) {
		return fieldError(400, 'invalid_input', 'id', m.err_required({ field: 'id' }));
	}
	const { snapshot } = await currentCatalog(database().db);
	const view = runCatalogView(params.view, snapshot, Object.fromEntries(url.searchParams));
	// What the view names (a matter, a point) does not exist.
	if (view === null) {
		// A view of a matter at a point (apply, booking): either may be the one missing.
		const field = OF_ONE[params.view]?.() ?? `${m.field_matter()} / ${m.field_point()}`;
		return apiError(404, 'not_found', m.err_not_found({ field }));
	}
	return json(view, { headers: { 'Cache-Control': 'no-cache' } });
};
