import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Connection } from '../db/connect';
import type { ApplicationStatus, TicketStatus } from '../db/schema';
import type { Tx } from '../db/transaction';
import { serviceClock } from '$lib/time';
import { recordTicketFigures } from '../figures/record';

export interface Ticket {
	id: string;
	code: string;
	status: TicketStatus;
	/** Where it is called; for a waiting ticket, the counter it was transferred to (null: any). */
	counter: number | null;
	calledAt: string | null;
	firstCalledAt: string | null;
	applicationId: string | null;
	categoryId: string;
	createdAt: string;
}

/** A ticket of the day's queue, with the application it was issued for at check-in. */
export interface QueuedTicket extends Ticket {
	application: {
		id: string;
		reference: string;
		name: string;
		matterId: string;
		status: ApplicationStatus;
	} | null;
}

const columns = [
	'id',
	'code',
	'status',
	'counter',
	'called_at',
	'first_called_at',
	'application_id',
	'category_id',
	'created_at'
] as const;

type Row = {
	id: string;
	code: string;
	status: TicketStatus;
	counter: number | null;
	called_at: string | null;
	first_called_at: string | null;
	application_id: string | null;
	category_id: string;
	created_at: string;
};

function toTicket(r: Row): Ticket {
	return {
		id: r.id,
		code: r.code,
		status: r.status,
		counter: r.counter,
		calledAt: r.called_at,
		firstCalledAt: r.first_called_at,
		applicationId: r.application_id,
		categoryId: r.category_id,
		createdAt: r.created_at
	};
}

/**
 * The next ticket of the centre's day: `number` in the order issued, and a code numbered per
 * letter (`A001`, `B001`, `A002`): a resident holding B005 can tell that four B tickets came first.
 */
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
	const { prefix } = ticket;
	const last = await tx
		.selectFrom('tickets')
		.select((eb) => [
			eb.fn.max('number').as('n'),
			eb.fn
				.countAll()
				.filterWhere(sql<string>`substr(code, 1, ${prefix.length})`, '=', prefix)
				.as('same')
		])
		.where('point_id', '=', ticket.pointId)
		.where('day', '=', day)
		.executeTakeFirst();
	const number = Number(last?.n ?? 0) + 1;
	const ofLetter = Number(last?.same ?? 0) + 1;
	const stamp = now.toISOString();
	const row = {
		id: randomUUID(),
		point_id: ticket.pointId,
		day,
		number,
		code: `${prefix}${String(ofLetter).padStart(3, '0')}`,
		category_id: ticket.categoryId,
		application_id: ticket.applicationId ?? null,
		status: 'waiting' as const,
		counter: null,
		called_at: null,
		first_called_at: null,
		created_at: stamp,
		updated_at: stamp
	};
	await tx.insertInto('tickets').values(row).execute();
	if (!row.application_id) await recordTicketFigures(tx, row.id, 'walk_in');
	return toTicket(row);
}

/** The centre's tickets of the day (at the points), in the order they were issued. */
export async function ticketsOfDay(
	tx: Tx,
	pointId: string,
	now = new Date()
): Promise<QueuedTicket[]> {
	const rows = await tx
		.selectFrom('tickets as t')
		.leftJoin('applications as a', 'a.id', 't.application_id')
		.select([
			't.id',
			't.code',
			't.status',
			't.counter',
			't.called_at',
			't.first_called_at',
			't.application_id',
			't.category_id',
			't.created_at',
			'a.reference',
			'a.applicant_name',
			'a.matter_id',
			'a.status as application_status'
		])
		.where('t.point_id', '=', pointId)
		.where('t.day', '=', serviceClock(now).date)
		.orderBy('t.number')
		.execute();
	return rows.map((r) => ({
		...toTicket(r),
		application:
			r.application_id && r.reference
				? {
						id: r.application_id,
						reference: r.reference,
						name: r.applicant_name!,
						matterId: r.matter_id!,
						status: r.application_status!
					}
				: null
	}));
}

export async function ticketOf(tx: Tx, id: string) {
	return tx
		.selectFrom('tickets')
		.select([...columns, 'point_id'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/**
 * Calls the next ticket to `counter`: one transferred to it first, then the oldest of those any
 * counter may call; null when nobody waits. `serving`: the ticket the clerk calling was serving,
 * finished by the call.
 */
export async function callNext(
	conn: Connection,
	tx: Tx,
	pointId: string,
	counter: number,
	now = new Date(),
	serving: string | null = null
): Promise<Ticket | null> {
	const stamp = now.toISOString();
	for (;;) {
		const next = await tx
			.selectFrom('tickets')
			.select(['id', 'first_called_at'])
			.where('point_id', '=', pointId)
			.where('day', '=', serviceClock(now).date)
			.where('status', '=', 'waiting')
			.where((eb) => eb.or([eb('counter', 'is', null), eb('counter', '=', counter)]))
			.orderBy(sql`case when counter is null then 1 else 0 end`)
			.orderBy('number')
			.limit(1)
			.executeTakeFirst();
		// Nobody to call: whoever is at the counter is still being served.
		if (!next) return null;
		// Conditional on still waiting: two counters calling at once never get the same ticket.
		const taken = await tx
			.updateTable('tickets')
			.set((eb) => ({
				status: 'called',
				counter,
				called_at: stamp,
				first_called_at: eb.fn.coalesce('first_called_at', eb.val(stamp)),
				updated_at: stamp
			}))
			.where('id', '=', next.id)
			.where('status', '=', 'waiting')
			.executeTakeFirst();
		if (Number(taken.numUpdatedRows) === 1) {
			// The clerk is done with the one they were serving: that one alone, not another called
			// at the same counter by a colleague who chose it too.
			if (serving)
				await tx
					.updateTable('tickets')
					.set({ status: 'done', updated_at: stamp })
					.where('id', '=', serving)
					.where('point_id', '=', pointId)
					.where('counter', '=', counter)
					.where('status', '=', 'called')
					.execute();
			if (!next.first_called_at) await recordTicketFigures(tx, next.id, 'first_call');
			return toTicket((await ticketOf(tx, next.id))!);
		}
	}
}

export type TicketAction = 'recall' | 'no_show' | 'done' | 'transfer';

/**
 * Recall (call again), mark a no-show, finish, or transfer to another counter, where it waits to
 * be called before the rest of the queue. Only a ticket still called: false when it no longer is
 * (finished with its application, say, or called again elsewhere).
 */
export async function changeTicket(
	tx: Tx,
	id: string,
	action: TicketAction,
	counter: number | null,
	now = new Date()
): Promise<boolean> {
	const stamp = now.toISOString();
	const set =
		action === 'recall'
			? { called_at: stamp }
			: action === 'transfer'
				? { counter, status: 'waiting' as const }
				: { status: action === 'done' ? ('done' as const) : ('no_show' as const) };
	const changed = await tx
		.updateTable('tickets')
		.set({ ...set, updated_at: stamp })
		.where('id', '=', id)
		.where('status', '=', 'called')
		.executeTakeFirst();
	const done = Number(changed.numUpdatedRows) === 1;
	if (done && action === 'no_show') await recordTicketFigures(tx, id, 'no_show');
	return done;
}

/** Ends an application's ticket, waiting or called: its visit is over (completed or refused). */
export async function endTicketOf(tx: Tx, applicationId: string, now = new Date()): Promise<void> {
	await tx
		.updateTable('tickets')
		.set({ status: 'done', updated_at: now.toISOString() })
		.where('application_id', '=', applicationId)
		.where('status', 'in', ['waiting', 'called'])
		.execute();
}

/** What the hall's screen shows: the latest call at each counter, and the calls before them. */
export async function displayState(tx: Tx, pointId: string, now = new Date()) {
	const day = serviceClock(now).date;
	const rows = await tx
		.selectFrom('tickets')
		.select(['id', 'code', 'counter', 'called_at', 'status'])
		.where('point_id', '=', pointId)
		.where('day', '=', day)
		.where('called_at', 'is not', null)
		.orderBy('called_at', 'desc')
		.limit(12)
		.execute();
	const waiting = await tx
		.selectFrom('tickets')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('point_id', '=', pointId)
		.where('day', '=', day)
		.where('status', '=', 'waiting')
		.executeTakeFirst();
	// A transferred ticket waits again until its new counter calls it: its call is withdrawn.
	const calls = rows
		.filter((r) => r.status !== 'waiting')
		.map((r) => ({
			id: r.id,
			code: r.code,
			counter: r.counter,
			calledAt: r.called_at!,
			noShow: r.status === 'no_show'
		}));
	// The latest call, unless its ticket did not come (nobody is sent to the counter for it, and it
	// is listed among the calls as missed) or was sent on to another counter: the call before it
	// is over, and shown again as current it would be called out again.
	const latest = rows[0];
	const current =
		latest && latest.status !== 'waiting' && calls[0] && !calls[0].noShow ? calls[0] : null;
	const recent = calls.slice(current ? 1 : 0, current ? 8 : 7);
	return { current, recent, waiting: Number(waiting?.n ?? 0) };
}
export type DisplayState = Awaited<ReturnType<typeof displayState>>;
