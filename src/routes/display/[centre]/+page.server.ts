import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { displayState } from '$lib/server/counter/tickets';

/** The hall's screen: ticket codes and counters only, no names, so it needs no sign-in. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const point = snapshot.points.find(
		(p) => p.id === params.centre && (p.kind === 'centre' || p.kind === 'city')
	);
	if (!point) error(404, m.error_not_found());
	setHeaders({ 'Cache-Control': 'no-store' });
	return { point: { id: point.id, name: point.name }, state: await displayState(db, point.id) };
};
