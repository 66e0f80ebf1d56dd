import type { BookingReply, OpReply, TimelineStep } from '$lib/schemas/ops';
import type { Compilable } from 'kysely';
import { prepareOnce } from '../db/prepared';
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

async function rowsOf<R>(tx: Tx, query: Compilable<R>, count: number): Promise<R[]> {
	const compiled = query.compile();
	if (count <= PREPARED_UP_TO) prepareOnce(compiled.sql);
	return (await tx.executeQuery(compiled)).rows;
}

export async function applicationStates(tx: Tx, ids: string[]): Promise<ApplicationState[]> {
	if (!ids.length) return [];
	const apps = await rowsOf(
		tx,
		tx
			.selectFrom('applications')
			.select([
				'id',
				'reference',
				'status',
				'status_note',
				'requested_materials',
				'rating',
				'updated_at'
			])
			.where('id', 'in', ids),
		ids.length
	);
	const bookings = await rowsOf(
		tx,
		tx
			.selectFrom('bookings')
			.select(['application_id', 'point_id', 'matter_id', 'slot_start', 'status', 'updated_at'])
			.where('application_id', 'in', ids)
			.orderBy('updated_at'),
		ids.length
	);
	const events = await rowsOf(
		tx,
		tx
			.selectFrom('application_events')
			.select(['application_id', 'step', 'at', 'note'])
			.where('application_id', 'in', ids)
			.orderBy('seq'),
		ids.length
	);
	const timelines = new Map<string, TimelineStep[]>();
	for (const e of events) {
		const list = timelines.get(e.application_id) ?? [];
		list.push({ step: e.step, at: e.at, note: e.note });
		timelines.set(e.application_id, list);
	}
	const latest = new Map<string, (typeof bookings)[number]>();
	for (const b of bookings) {
		if (b.status !== 'released') latest.set(b.application_id, b);
	}
	return apps.map((a) => {
		const b = latest.get(a.id);
		return {
			applicationId: a.id,
			reference: a.reference,
			status: a.status,
			note: a.status_note,
			requestedMaterials: JSON.parse(a.requested_materials) as string[],
			rating: a.rating,
			timeline: timelines.get(a.id) ?? [],
			updatedAt: a.updated_at,
			booking: b
				? {
						status:
							b.status === 'booked'
								? 'booked'
								: b.status === 'needs_slot'
									? 'needs_slot'
									: 'cancelled',
						pointId: b.point_id,
						matterId: b.matter_id,
						slotStart: b.slot_start
					}
				: null
		};
	});
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
