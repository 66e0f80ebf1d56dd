import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { requireCounterUser } from '$lib/server/counter/access';
import { onCall } from '$lib/server/counter/call-events';
import { pointFor } from '$lib/server/counter/point-choice';
import { eventStream } from '$lib/server/http/event-stream';

/**
 * Server-sent events for the counter's pages: `change` whenever a ticket or an application of the
 * centre changes, through whichever app server; the page then loads its day again. `ready` on
 * each (re)connection, after which the page catches up on what it missed while away.
 */
export const GET: RequestHandler = async ({ locals, url, request }) => {
	const user = requireCounterUser(locals, url);
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = pointFor(user, url, snapshot);
	if (!point) error(404, m.error_not_found());
	return eventStream(request, async (send) => {
		const unsubscribe = await onCall(conn, env.DATABASE_URL ?? '', point.id, () =>
			send('change', null)
		);
		send('ready', null);
		return unsubscribe;
	});
};
