import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { writeTransaction } from '$lib/server/db/transaction';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';
import { announceCall } from '$lib/server/counter/call-events';
import { pointFor } from '$lib/server/counter/point-choice';
import {
	callNext,
	changeTicket,
	ticketOf,
	ticketsOfDay,
	type TicketAction
} from '$lib/server/counter/tickets';
import { readForm } from '$lib/server/http/form';

const COUNTER_COOKIE = 'ow_counter';

function counterOf(value: unknown): number | null {
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}

async function place({ locals, url }: RequestEvent) {
	const user = requireCounterUser(locals, url);
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = pointFor(user, url, snapshot);
	if (!point) error(404, m.error_not_found());
	return { user, conn, point };
}

export const load: PageServerLoad = async (event) => {
	const { conn, point } = await place(event);
	const counter = counterOf(event.cookies.get(COUNTER_COOKIE)) ?? 1;
	const tickets = await ticketsOfDay(conn.db, point.id);
	return {
		point: { id: point.id, name: point.name, counters: point.counters },
		counter,
		mine: tickets.find((t) => t.status === 'called' && t.counter === counter) ?? null,
		waiting: tickets.filter((t) => t.status === 'waiting'),
		called: tickets.filter((t) => t.status === 'called')
	};
};

async function onTicket(event: RequestEvent, action: TicketAction) {
	const { user, conn } = await place(event);
	const form = await readForm(event.request);
	const ticket = await ticketOf(conn.db, String(form.get('ticket') ?? ''));
	if (!ticket || !mayServe(user, ticket.point_id)) error(404, m.error_not_found());
	const counter = action === 'transfer' ? counterOf(form.get('to')) : null;
	if (action === 'transfer' && !counter) {
		return fail(400, { error: m.err_required({ field: m.staff_counter() }) });
	}
	await writeTransaction(conn, async (tx) => {
		await changeTicket(tx, ticket.id, action, counter);
		await announceCall(conn, tx, ticket.point_id);
	});
	return { done: action };
}

export const actions: Actions = {
	counter: async ({ request, cookies }) => {
		const counter = counterOf((await readForm(request)).get('counter'));
		if (!counter) return fail(400, { error: m.err_required({ field: m.staff_counter() }) });
		cookies.set(COUNTER_COOKIE, String(counter), {
			path: '/staff',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
		return { done: 'counter' };
	},
	next: async (event) => {
		const { conn, point } = await place(event);
		const counter = counterOf(event.cookies.get(COUNTER_COOKIE)) ?? 1;
		const called = await writeTransaction(conn, async (tx) => {
			const t = await callNext(conn, tx, point.id, counter);
			await announceCall(conn, tx, point.id);
			return t;
		});
		return called ? { called: called.code } : { empty: true };
	},
	recall: (event) => onTicket(event, 'recall'),
	no_show: (event) => onTicket(event, 'no_show'),
	done: (event) => onTicket(event, 'done'),
	transfer: (event) => onTicket(event, 'transfer')
};
