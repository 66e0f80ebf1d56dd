import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { chosenCounter, COUNTER_DAY } from '$lib/counter/choice';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { writeTransaction } from '$lib/server/db/transaction';
import { requireCounterUser } from '$lib/server/counter/access';
import {
	materialsReceived,
	searchApplications,
	todaysList
} from '$lib/server/counter/applications';
import { announceCall } from '$lib/server/counter/call-events';
import { dayFigures } from '$lib/server/counter/day-figures';
import { counterPlaces, pointFor } from '$lib/server/counter/point-choice';
import { issueTicket, ticketsOfDay } from '$lib/server/counter/tickets';
import { readForm } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url, cookies, depends }) => {
	depends(COUNTER_DAY);
	const user = requireCounterUser(locals, url);
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = pointFor(user, url, snapshot);
	if (!point) error(404, m.error_not_found());
	const q = url.searchParams.get('q') ?? '';
	const counter = chosenCounter(cookies, point.counters);
	const [today, found, tickets, received, figures] = await Promise.all([
		todaysList(conn.db, point.id),
		searchApplications(conn.db, user, q),
		ticketsOfDay(conn.db, point.id),
		materialsReceived(conn.db, point.id),
		dayFigures(conn.db, point.id, counter)
	]);
	return {
		point: { id: point.id, name: point.name },
		centres:
			user.role === 'admin' ? counterPlaces(snapshot).map((p) => ({ id: p.id, name: p.name })) : [],
		categories: snapshot.categories,
		matters: Object.fromEntries(snapshot.matters.map((x) => [x.id, x.name])),
		q,
		today,
		found,
		received,
		walkIns: tickets.filter((t) => !t.applicationId),
		figures
	};
};

export const actions: Actions = {
	/** A ticket for someone who walked in with no booking. */
	walkIn: async ({ locals, url, request }) => {
		const user = requireCounterUser(locals, url);
		const conn = database();
		const { snapshot } = await currentCatalog(conn.db);
		const point = pointFor(user, url, snapshot);
		const form = await readForm(request);
		const category = snapshot.categories.find((c) => c.id === form.get('category'));
		if (!point) {
			return fail(400, { walkInError: m.err_not_found({ field: m.field_point() }) });
		}
		if (!category) {
			return fail(400, { walkInError: m.err_choice({ field: m.staff_category() }) });
		}
		const ticket = await writeTransaction(conn, async (tx) => {
			const t = await issueTicket(conn, tx, {
				pointId: point.id,
				categoryId: category.id,
				prefix: category.ticketPrefix
			});
			await announceCall(conn, tx, point.id);
			return t;
		});
		return { walkInTicket: ticket.code };
	}
};
