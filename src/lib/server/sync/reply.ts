import type { BookingReply, OpReply, TimelineStep } from '$lib/schemas/ops';
import { sql } from 'kysely';
import { compiledOnce, kindOf } from '../db/compiled';
import { runCompiled } from '../db/run-compiled';
import type { Tx } from '../db/transaction';

/** An application's state as devices receive it, in op replies and pulls alike. */
export interface ApplicationState {
	applicationId: string;
	reference: string;
	status: string;
	note: string;
	requestedMaterials: string[];
	rating: number | null;
	booking: BookingReply | null;
	/** Each step so far, oldest first: what the timeline shows. */
	timeline: TimelineStep[];
	updatedAt: string;
}

/** Lists of up to this many applications (a pull's usual one, a reply's) have prepared statements. */
const PREPARED_UP_TO = 4;

/**
 * One query for the three tables (a round trip each cost a third of a pull on PostgreSQL): their
 * rows in the same columns, told apart by `k`.
 */
function statesQuery(tx: Tx, ids: string[]) {
	const text = (column: string | null) =>
		(column === null ? sql`null` : sql.ref(column)).$castTo<string | null>();
	const number = (column: string | null) =>
		(column === null ? sql`null` : sql.ref(column)).$castTo<number | null>();
	const columns = (app: string, k: string, t: (string | null)[], n: string | null) => [
		sql.ref(app).$castTo<string>().as('app'),
		sql.lit(k).$castTo<string>().as('k'),
		...(['t1', 't2', 't3', 't4', 't5', 't6', 't7'] as const).map((as, i) =>
			text(t[i] ?? null).as(as)
		),
		number(n).as('n')
	];
	return tx
		.selectFrom('applications')
		.select(
			columns(
				'id',
				'a',
				['reference', 'status', 'status_note', 'requested_materials', 'updated_at'],
				'rating'
			)
		)
		.where('id', 'in', ids)
		.unionAll(
			tx
				.selectFrom('bookings')
				.select(
					columns(
						'application_id',
						'b',
						[
							'point_id',
							'matter_id',
							'slot_start',
							'status',
							'updated_at',
							'missed_at',
							'withdrawn_at'
						],
						null
					)
				)
				.where('application_id', 'in', ids)
		)
		.unionAll(
			tx
				.selectFrom('application_events')
				.select(columns('application_id', 'e', ['step', 'at', 'note', null, null], 'seq'))
				.where('application_id', 'in', ids)
		);
}

/**
 * `statesQuery` for a short list, built once for each length: building it cost as much as running
 * it, for every pull.
 */
const statesOfShortList = Array.from({ length: PREPARED_UP_TO }, (_, i) =>
	compiledOnce((db, p: Record<string, string>) =>
		statesQuery(
			db,
			Array.from({ length: i + 1 }, (_, j) => p[`id${j}`]!)
		)
	)
);

async function stateRows(tx: Tx, ids: string[]) {
	const compiled = statesOfShortList[ids.length - 1];
	if (!compiled) return (await runCompiled(tx, statesQuery(tx, ids).compile())).rows;
	const params = Object.fromEntries(ids.map((id, j) => [`id${j}`, id]));
	return (await compiled(tx, kindOf(tx), params)).rows;
}

export async function applicationStates(tx: Tx, ids: string[]): Promise<ApplicationState[]> {
	if (!ids.length) return [];
	const rows = await stateRows(tx, ids);
	const apps = rows.filter((r) => r.k === 'a');
	const bookings = rows
		.filter((r) => r.k === 'b')
		.sort((x, y) => (x.t5! < y.t5! ? -1 : x.t5! > y.t5! ? 1 : 0));
	const events = rows.filter((r) => r.k === 'e').sort((x, y) => Number(x.n) - Number(y.n));
	const timelines = new Map<string, TimelineStep[]>();
	for (const e of events) {
		const list = timelines.get(e.app) ?? [];
		list.push({ step: e.t1!, at: e.t2!, note: e.t3! });
		timelines.set(e.app, list);
	}
	const latest = new Map<string, Row>();
	const lastReleased = new Map<string, Row>();
	for (const b of bookings) (b.t4 === 'released' ? lastReleased : latest).set(b.app, b);
	return apps.map((a) => ({
		applicationId: a.app,
		reference: a.t1!,
		status: a.t2!,
		note: a.t3!,
		requestedMaterials: JSON.parse(a.t4!) as string[],
		rating: a.n === null ? null : Number(a.n),
		timeline: timelines.get(a.app) ?? [],
		updatedAt: a.t5!,
		booking: bookingState(a.t2!, latest.get(a.app), lastReleased.get(a.app))
	}));
}

type Row = Awaited<ReturnType<typeof stateRows>>[number];

/**
 * The application's booking as the phone shows it: the one it holds; else, for an application
 * still to be served whose last booking's day passed with nobody checked in (`missed_at`), a new
 * time to choose, as when every time asked for was full, naming the one missed. A booked time no
 * longer offered since a catalogue publication (`withdrawn_at`) is said so.
 */
function bookingState(status: string, held?: Row, released?: Row): BookingReply | null {
	if (held) {
		const s =
			held.t4 === 'booked' ? 'booked' : held.t4 === 'needs_slot' ? 'needs_slot' : 'cancelled';
		const reply: BookingReply = {
			status: s,
			pointId: held.t1!,
			matterId: held.t2!,
			slotStart: held.t3
		};
		if (s === 'booked' && held.t7) reply.withdrawn = true;
		return reply;
	}
	if (status !== 'submitted' || !released?.t6) return null;
	return {
		status: 'needs_slot',
		pointId: released.t1!,
		matterId: released.t2!,
		slotStart: null,
		missedSlot: released.t3!
	};
}

export async function applicationReply(tx: Tx, id: string): Promise<OpReply> {
	const [state] = await applicationStates(tx, [id]);
	return {
		kind: 'application',
		applicationId: id,
		reference: state?.reference ?? '',
		status: state?.status ?? '',
		booking: state?.booking ?? { status: 'cancelled', pointId: '', matterId: '', slotStart: null }
	};
}
