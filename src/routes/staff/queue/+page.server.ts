import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { writeTransaction } from '$lib/server/db/transaction';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';
import { announceCall } from '$lib/server/counter/call-events';
import { dayFigures } from '$lib/server/counter/day-figures';
import { pointFor } from '$lib/server/counter/point-choice';
import {
	callNext,
	changeTicket,
	ticketOf,
	ticketsOfDay,
	type TicketAction
} from '$lib/server/counter/tickets';
import { readForm } from '$lib/server/http/form';
import { chosenCounter, COUNTER_COOKIE, COUNTER_DAY, counterOf, keysOn } from '$lib/counter/choice';

async function place({ locals, url }: RequestEvent) {
	const user = requireCounterUser(locals, url);
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = pointFor(user, url, snapshot);
	if (!point) error(404, m.error_not_found());
	return { user, conn, point, snapshot };
}

/** A counter of this point, or what is wrong with the value, its field named. */
function counterField(value: FormDataEntryValue | null, counters: number, field: string) {
	const max = Math.max(1, counters);
	const n = counterOf(value);
	if (n && n <= max) return { counter: n };
	const empty = value === null || String(value).trim() === '';
	return {
		problem: empty
			? m.err_required({ field })
			: m.err_int_range({ field, min: '1', max: String(max) })
	};
}

export const load: PageServerLoad = async (event) => {
	event.depends(COUNTER_DAY);
	const { conn, point, snapshot } = await place(event);
	const counter = chosenCounter(event.cookies, point.counters);
	const [tickets, figures] = await Promise.all([
		ticketsOfDay(conn.db, point.id),
		dayFigures(conn.db, point.id, counter)
	]);
	const matters = new Map(snapshot.matters.map((x) => [x.id, x.name]));
	const named = tickets.map((t) => ({
		...t,
		matter: t.application ? (matters.get(t.application.matterId) ?? null) : null
	}));
	return {
		point: { id: point.id, name: point.name, counters: point.counters },
		counter,
		keys: keysOn(event.cookies),
		// The latest called here, should a transfer have left two.
		mine:
			counter === null
				? null
				: (named
						.filter((t) => t.status === 'called' && t.counter === counter)
						.sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''))[0] ?? null),
		// Those transferred here first, as the next call takes them.
		waiting: named
			.filter((t) => t.status === 'waiting')
			.sort((a, b) => Number(b.counter === counter) - Number(a.counter === counter)),
		figures
	};
};

async function onTicket(event: RequestEvent, action: TicketAction) {
	const { user, conn, snapshot } = await place(event);
	const form = await readForm(event.request);
	const ticket = await ticketOf(conn.db, String(form.get('ticket') ?? ''));
	if (!ticket || !mayServe(user, ticket.point_id)) error(404, m.error_not_found());
	let counter: number | null = null;
	if (action === 'transfer') {
		const counters = snapshot.points.find((p) => p.id === ticket.point_id)?.counters ?? 1;
		const to = counterField(form.get('to'), counters, m.staff_transfer_to());
		if ('problem' in to) return fail(400, { error: to.problem });
		if (ticket.status === 'called' && ticket.counter === to.counter) {
			return fail(400, { error: m.staff_transfer_same({ n: to.counter }) });
		}
		counter = to.counter;
	}
	const changed = await writeTransaction(conn, async (tx) => {
		const done = await changeTicket(tx, ticket.id, action, counter);
		if (done) await announceCall(conn, tx, ticket.point_id);
		return done;
	});
	if (!changed) return fail(409, { error: m.staff_ticket_not_called() });
	return action === 'transfer' ? { transferred: counter } : { done: action };
}

export const actions: Actions = {
	counter: async (event) => {
		const { user, point, snapshot } = await place(event);
		// The choice is kept for the counter pages of any centre an administrator opens.
		const counters =
			user.role === 'admin' ? Math.max(...snapshot.points.map((p) => p.counters)) : point.counters;
		const chosen = counterField(
			(await readForm(event.request)).get('counter'),
			counters,
			m.staff_counter()
		);
		if ('problem' in chosen) return fail(400, { error: chosen.problem });
		event.cookies.set(COUNTER_COOKIE, String(chosen.counter), {
			path: '/staff',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
		return { done: 'counter' };
	},
	next: async (event) => {
		const { conn, point } = await place(event);
		const counter = chosenCounter(event.cookies, point.counters);
		if (counter === null) return fail(400, { error: m.staff_choose_counter() });
		const serving = String((await readForm(event.request)).get('ticket') ?? '') || null;
		const called = await writeTransaction(conn, async (tx) => {
			const t = await callNext(conn, tx, point.id, counter, new Date(), serving);
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
