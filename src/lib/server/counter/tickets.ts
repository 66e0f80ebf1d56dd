import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Connection } from '../db/connect';
import type { TicketStatus } from '../db/schema';
import type { Tx } from '../db/transaction';
import { serviceClock } from '$lib/time';

export interface Ticket {
	id: string;
	code: string;
	status: TicketStatus;
	counter: number | null;
	calledAt: string | null;
	applicationId: string | null;
	categoryId: string;
	createdAt: string;
}

const columns = [
	'id',
	'code',
	'status',
	'counter',
	'called_at',
	'application_id',
	'category_id',
	'created_at'
] as const;

function toTicket(r: {
	id: string;
	code: string;
	status: TicketStatus;
	counter: number | null;
	called_at: string | null;
	application_id: string | null;
	category_id: string;
	created_at: string;
}): Ticket {
	return {
		id: r.id,
		code: r.code,
		status: r.status,
		counter: r.counter,
		calledAt: r.called_at,
		applicationId: r.application_id,
		categoryId: r.category_id,
		createdAt: r.created_at
	};
}

/** The next ticket of the centre's day, `A001`, `A002`, … numbered per centre per day. */
export async function issueTicket(
	conn: Connection,
	tx: Tx,
	ticket: { pointId: string; categoryId: string; prefix: string; applicationId?: string | null },
	now = new Date()
): Promise<Ticket> {
	const day = serviceClock(now).date;
	if (conn.kind === 'postgres') {
		await sql`select pg_advisory_xact_lock(hashtext(${`tickets:${ticket.pointId}:${day}`}))`.execute(
			tx
		);
	}
	const last = await tx
		.selectFrom('tickets')
		.select((eb) => eb.fn.max('number').as('n'))
		.where('point_id', '=', ticket.pointId)
		.where('day', '=', day)
		.executeTakeFirst();
	const number = Number(last?.n ?? 0) + 1;
	const stamp = now.toISOString();
	const row = {
		id: randomUUID(),
		point_id: ticket.pointId,
		day,
		number,
		code: `${ticket.prefix}${String(number).padStart(3, '0')}`,
		category_id: ticket.categoryId,
		application_id: ticket.applicationId ?? null,
		status: 'waiting' as const,
		counter: null,
		called_at: null,
		created_at: stamp,
		updated_at: stamp
	};
	await tx.insertInto('tickets').values(row).execute();
	return toTicket(row);
}

export async function ticketsOfDay(tx: Tx, pointId: string, now = new Date()): Promise<Ticket[]> {
	const rows = await tx
		.selectFrom('tickets')
		.select(columns)
		.where('point_id', '=', pointId)
		.where('day', '=', serviceClock(now).date)
		.orderBy('number')
		.execute();
	return rows.map(toTicket);
}

export async function ticketOf(tx: Tx, id: string) {
	return tx
		.selectFrom('tickets')
		.select([...columns, 'point_id'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The oldest waiting ticket, now called to `counter`; null when nobody waits. */
export async function callNext(
	conn: Connection,
	tx: Tx,
	pointId: string,
	counter: number,
	now = new Date()
): Promise<Ticket | null> {
	// The caller at the counter is done with whoever they called before.
	await tx
		.updateTable('tickets')
		.set({ status: 'done', updated_at: now.toISOString() })
		.where('point_id', '=', pointId)
		.where('counter', '=', counter)
		.where('status', '=', 'called')
		.execute();
	for (;;) {
		const next = await tx
			.selectFrom('tickets')
			.select('id')
			.where('point_id', '=', pointId)
			.where('day', '=', serviceClock(now).date)
			.where('status', '=', 'waiting')
			.orderBy('number')
			.limit(1)
			.executeTakeFirst();
		if (!next) return null;
		// Conditional on still waiting: two counters calling at once never get the same ticket.
		const taken = await tx
			.updateTable('tickets')
			.set({
				status: 'called',
				counter,
				called_at: now.toISOString(),
				updated_at: now.toISOString()
			})
			.where('id', '=', next.id)
			.where('status', '=', 'waiting')
			.executeTakeFirst();
		if (Number(taken.numUpdatedRows) === 1) return toTicket((await ticketOf(tx, next.id))!);
	}
}

export type TicketAction = 'recall' | 'no_show' | 'done' | 'transfer';

/** Recall (call again), mark a no-show, finish, or send a called ticket to another counter. */
export async function changeTicket(
	tx: Tx,
	id: string,
	action: TicketAction,
	counter: number | null,
	now = new Date()
): Promise<void> {
	const stamp = now.toISOString();
	const set =
		action === 'recall'
			? { called_at: stamp }
			: action === 'transfer'
				? { counter, called_at: stamp, status: 'called' as const }
				: { status: action === 'done' ? ('done' as const) : ('no_show' as const) };
	await tx
		.updateTable('tickets')
		.set({ ...set, updated_at: stamp })
		.where('id', '=', id)
		.execute();
}

/** What the hall's screen shows: the latest call at each counter, and the calls before them. */
export async function displayState(tx: Tx, pointId: string, now = new Date()) {
	const rows = await tx
		.selectFrom('tickets')
		.select(['id', 'code', 'counter', 'called_at', 'status'])
		.where('point_id', '=', pointId)
		.where('day', '=', serviceClock(now).date)
		.where('called_at', 'is not', null)
		.orderBy('called_at', 'desc')
		.limit(12)
		.execute();
	const waiting = await tx
		.selectFrom('tickets')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('point_id', '=', pointId)
		.where('day', '=', serviceClock(now).date)
		.where('status', '=', 'waiting')
		.executeTakeFirst();
	const calls = rows.map((r) => ({
		id: r.id,
		code: r.code,
		counter: r.counter,
		calledAt: r.called_at!,
		noShow: r.status === 'no_show'
	}));
	return { current: calls[0] ?? null, recent: calls.slice(1, 8), waiting: Number(waiting?.n ?? 0) };
}
export type DisplayState = Awaited<ReturnType<typeof displayState>>;
