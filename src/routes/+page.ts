import type { PageLoad } from './$types';
import { getCatalog } from '$lib/catalog/source';

export const load = (async ({ fetch, depends }) => {
	depends('app:catalog');
	const catalog = await getCatalog(fetch);
	const centres = new Map(
		catalog.points.filter((p) => p.kind === 'centre').map((p) => [p.townId, p])
	);
	return {
		towns: catalog.towns.map((town) => ({ town, centre: centres.get(town.id) ?? null }))
	};
}) satisfies PageLoad;
