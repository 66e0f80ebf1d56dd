import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { onCall } from '$lib/server/counter/call-events';
import { displayState } from '$lib/server/counter/tickets';
import { eventStream } from '$lib/server/http/event-stream';

/** Server-sent events: the display's state now, and again after every call at this centre. */
export const GET: RequestHandler = async ({ params, request }) => {
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = snapshot.points.find(
		(p) => p.id === params.centre && (p.kind === 'centre' || p.kind === 'city')
	);
	if (!point) error(404, m.error_not_found());
	return eventStream(request, async (send) => {
		const push = async () => {
			try {
				send('calls', await displayState(conn.db, point.id));
			} catch {
				// The next call or the client's reconnect brings it up to date.
			}
		};
		const unsubscribe = await onCall(conn, env.DATABASE_URL ?? '', point.id, () => void push());
		await push();
		return unsubscribe;
	});
};
