import type { CompiledQuery, Updateable } from 'kysely';
import type { ApplicationStatus, ApplicationTable } from '../db/schema';
import { compiledOnce, kindOf } from '../db/compiled';
import { runCompiled } from '../db/run-compiled';
import type { Tx } from '../db/transaction';
import { endTicketOf } from '../counter/tickets';
import { recordStepFigures } from '../figures/record';
import { endBooking, openBookingOf } from '../sync/slots-hold';

interface Step {
	/** The states the change is allowed from. */
	from: readonly ApplicationStatus[];
	/**
	 * The state it leads to; null keeps the status (a check-in, a move, a rating); `back`: where the
	 * application was before materials were asked for (accepted if the counter had accepted it),
	 * once none of them is still owed (the change leaves `requested_materials` empty).
	 */
	to: ApplicationStatus | null | 'back';
	/** A change the resident makes: only before the counter has checked them in. */
	beforeCheckIn?: true;
	/** Only once. */
	unrated?: true;
	/** Ends the visit: the application's ticket, waiting or called, is done. */
	endsVisit?: true;
	/**
	 * Closes the application's booking with this status: its person may book the matter again, and
	 * a place still ahead goes back to its slot.
	 */
	closesBooking?: 'cancelled' | 'released';
}

/** The steps a counter takes an application through, each with the checklist's marks. */
export const COUNTER_STEPS = ['accept', 'request_materials', 'complete', 'refuse'] as const;

/** Every change of an application's state, by whoever makes it, and the states it is allowed from. */
export const STEPS = {
	cancel: { from: ['submitted'], to: 'cancelled', beforeCheckIn: true },
	move: { from: ['submitted'], to: null, beforeCheckIn: true },
	rate: { from: ['completed'], to: null, unrated: true },
	add_materials: { from: ['more_materials'], to: 'back' },
	check_in: { from: ['submitted', 'accepted', 'more_materials'], to: null },
	accept: { from: ['submitted', 'more_materials'], to: 'accepted' },
	request_materials: { from: ['submitted', 'accepted', 'more_materials'], to: 'more_materials' },
	// From `more_materials` only once accepted (`wasAccepted`): what was never accepted is not completed.
	complete: {
		from: ['accepted', 'more_materials'],
		to: 'completed',
		endsVisit: true,
		closesBooking: 'released'
	},
	refuse: {
		from: ['submitted', 'accepted', 'more_materials'],
		to: 'refused',
		endsVisit: true,
		closesBooking: 'cancelled'
	}
} as const satisfies Record<string, Step>;

export type StepName = keyof typeof STEPS;

export function allows(step: StepName, status: ApplicationStatus): boolean {
	return (STEPS[step].from as readonly ApplicationStatus[]).includes(status);
}

/**
 * Makes `step` from `expected`, the state the caller read, with `set` besides, as one conditional
 * update, and records the step (with its time and note) for the application's timeline: of two
 * changes racing from the same state only one is made, and a change is never made from a state it
 * is not allowed from. A step that ends the visit ends the application's ticket with it, and one
 * that closes the application closes its booking. False when the application is no longer as the
 * caller saw it (the caller answers that it cannot be done now).
 */
export async function changeStatus(
	tx: Tx,
	applicationId: string,
	step: StepName,
	expected: ApplicationStatus,
	set: Omit<Updateable<ApplicationTable>, 'status' | 'id'>,
	event: { at: Date; note?: string }
): Promise<boolean> {
	const rule: Step = STEPS[step];
	const owed = set.requested_materials !== undefined && set.requested_materials !== '[]';
	const to =
		rule.to !== 'back' ? rule.to : owed ? null : await statusBeforeMaterials(tx, applicationId);
	const changed = await guarded(tx, applicationId, step, expected, {
		...set,
		...(to ? { status: to } : {})
	});
	if (!changed) return false;
	await recordStep(tx, applicationId, step, event.at, event.note ?? '');
	await recordStepFigures(
		tx,
		applicationId,
		step,
		event.at,
		typeof set.rating === 'number'
			? { stars: set.rating, comment: (set.rating_comment as string | null) ?? null }
			: undefined
	);
	if (rule.endsVisit) await endTicketOf(tx, applicationId, event.at);
	if (rule.closesBooking) {
		const booking = await openBookingOf(tx, applicationId);
		if (booking) await endBooking(tx, booking, rule.closesBooking, event.at);
	}
	return true;
}

async function statusBeforeMaterials(tx: Tx, applicationId: string): Promise<ApplicationStatus> {
	return (await wasAccepted(tx, applicationId)) ? 'accepted' : 'submitted';
}

/** Whether the counter has accepted the application at some step (materials may be asked for since). */
export async function wasAccepted(tx: Tx, applicationId: string): Promise<boolean> {
	const accepted = await tx
		.selectFrom('application_events')
		.select('seq')
		.where('application_id', '=', applicationId)
		.where('step', '=', 'accept')
		.executeTakeFirst();
	return !!accepted;
}

/** The sequence number of the application's last step (0: none). */
export async function lastStepOf(tx: Tx, applicationId: string): Promise<number> {
	const last = await tx
		.selectFrom('application_events')
		.select('seq')
		.where('application_id', '=', applicationId)
		.orderBy('seq', 'desc')
		.executeTakeFirst();
	return last?.seq ?? 0;
}

/** A step of the application's timeline (also its first, `submitted`). */
export async function recordStep(
	tx: Tx,
	applicationId: string,
	step: StepName | 'submitted',
	at: Date,
	note = ''
): Promise<void> {
	await runCompiled(tx, stepWrite(tx, applicationId, step, at, note));
}

const insertStep = compiledOnce(
	(db, p: { application_id: string; step: string; at: string; note: string }) =>
		db
			.insertInto('application_events')
			.values({ application_id: p.application_id, step: p.step, at: p.at, note: p.note })
);

/** The insert of a timeline step, to run with others (`writeTogether`). */
export function stepWrite(
	tx: Tx,
	applicationId: string,
	step: StepName | 'submitted',
	at: Date,
	note = ''
): CompiledQuery {
	return insertStep.query(tx, kindOf(tx), {
		application_id: applicationId,
		step,
		at: at.toISOString(),
		note
	});
}

/**
 * Checks that `step` can be made from `expected` and holds the application so until the
 * transaction ends (its row locked on PostgreSQL; SQLite's write transaction holds everything),
 * changing nothing yet: for changes that must check more (a cutoff, a free slot) before they are
 * made with `changeStatus`.
 */
export async function holdForChange(
	tx: Tx,
	applicationId: string,
	step: StepName,
	expected: ApplicationStatus
): Promise<boolean> {
	return guarded(tx, applicationId, step, expected, null);
}

async function guarded(
	tx: Tx,
	applicationId: string,
	step: StepName,
	expected: ApplicationStatus,
	/** Null: write the row unchanged, only to hold it. */
	set: Updateable<ApplicationTable> | null
): Promise<boolean> {
	const rule: Step = STEPS[step];
	if (!allows(step, expected)) return false;
	let update = tx
		.updateTable('applications')
		.set(set ?? ((eb) => ({ updated_at: eb.ref('updated_at') })))
		.where('id', '=', applicationId)
		.where('status', '=', expected);
	if (rule.beforeCheckIn) update = update.where('checked_in_at', 'is', null);
	if (rule.unrated) update = update.where('rating', 'is', null);
	const result = await update.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
