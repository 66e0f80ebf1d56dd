import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { followDisplay } from '$lib/server/counter/display-feed';
import { eventStream } from '$lib/server/http/event-stream';
import { rateLimited } from '$lib/server/http/rate-limits';
import { takeStreamPlace } from '$lib/server/http/stream-places';

/**
 * Server-sent events: the display's state now, and again after every call at this centre; a few
 * open at once for each client address.
 */
export const GET: RequestHandler = async ({ params, request, getClientAddress }) => {
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = snapshot.points.find(
		(p) => p.id === params.centre && (p.kind === 'centre' || p.kind === 'city')
	);
	if (!point) error(404, m.error_not_found());
	const giveBack = takeStreamPlace(getClientAddress());
	if (!giveBack) return rateLimited(30);
	return eventStream(request, async (send) => {
		try {
			const leave = await followDisplay(conn, env.DATABASE_URL ?? '', point.id, (state) =>
				send('calls', state)
			);
			return () => {
				leave();
				giveBack();
			};
		} catch (e) {
			giveBack();
			throw e;
		}
	});
};
