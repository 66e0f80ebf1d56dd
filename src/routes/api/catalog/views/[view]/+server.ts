import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isCatalogViewName, runCatalogView } from '$lib/catalog/views';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';

/** One page's view of the catalogue, for the server-rendered first visit. */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!isCatalogViewName(params.view)) error(404, `no catalogue view "${params.view}"`);
	const { snapshot } = await currentCatalog(database().db);
	return json(runCatalogView(params.view, snapshot, Object.fromEntries(url.searchParams)), {
		headers: { 'Cache-Control': 'no-cache' }
	});
};
