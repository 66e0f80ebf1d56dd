import type { CompiledQuery } from 'kysely';
import { compiledOnce, kindOf } from '../db/compiled';
import { runCompiled } from '../db/run-compiled';
import type { Tx } from '../db/transaction';
import { serviceClock } from '$lib/time';
import { MEASURES, monthOf, weekOf, type FigureKey, type Measures } from './measures';
import { workCalendar, workingDaysBetween, type WorkCalendar } from './working-days';
import { addClerkRating, clerkOfCompletion } from './clerk-ratings';
import { followUpDeadlineOf } from './follow-up-deadline';

export type Delta = Partial<Measures>;

export const dayOf = (at: Date | string) =>
	serviceClock(typeof at === 'string' ? Date.parse(at) : at).date;

// What each event adds to the figures: one definition for the writes, the rebuild and the seed.

/**
 * Made offline: it reached the server this long after the phone made it (it waited in the
 * outbox, or was brought to a counter as a receipt code).
 */
export const OFFLINE_AFTER_MS = 5 * 60_000;

export const submittedDelta = (
	booked: boolean,
	made: { deviceCreatedAt: string; receivedAt: string; byAgent: boolean }
): Delta => ({
	applications: 1,
	booked: booked ? 1 : 0,
	offline:
		Date.parse(made.receivedAt) - Date.parse(made.deviceCreatedAt) >= OFFLINE_AFTER_MS ? 1 : 0,
	by_agent: made.byAgent ? 1 : 0
});

/** A completion: working days taken from receipt, and whether within the matter's promised days. */
export function completedDelta(
	createdAt: string,
	completedAt: string,
	promisedDays: number,
	calendar: WorkCalendar
): Delta {
	const days = workingDaysBetween(dayOf(createdAt), dayOf(completedAt), calendar);
	return { completed: 1, completion_days: days, completed_in_time: days <= promisedDays ? 1 : 0 };
}

export const ratedDelta = (stars: number): Delta =>
	stars >= 1 && stars <= 5 ? { [`rating_${stars}`]: 1 } : {};

/** A ticket's first call, which ends its wait. */
export const firstCallDelta = (createdAt: string, calledAt: string): Delta => ({
	called: 1,
	wait_seconds: Math.max(0, Math.round((Date.parse(calledAt) - Date.parse(createdAt)) / 1000))
});

/** Adds to the figures, in the caller's transaction: an insert only, so concurrent writers never queue. */
export async function addFigures(tx: Tx, key: FigureKey, delta: Delta): Promise<void> {
	await runCompiled(tx, figuresWrite(tx, key, delta));
}

/** A row of figures with every measure (none left to its default): one statement for all. */
const insertDelta = compiledOnce(
	(
		db,
		p: { day: string; week: string; month: string; point_id: string; matter_id: string } & Measures
	) =>
		db.insertInto('figure_deltas').values({
			day: p.day,
			week: p.week,
			month: p.month,
			point_id: p.point_id,
			matter_id: p.matter_id,
			...(Object.fromEntries(MEASURES.map((m) => [m, p[m]])) as Measures)
		})
);

/** The insert of `addFigures`, to run with others (`writeTogether`). */
export function figuresWrite(tx: Tx, key: FigureKey, delta: Delta): CompiledQuery {
	return insertDelta.query(tx, kindOf(tx), {
		day: key.day,
		week: weekOf(key.day),
		month: monthOf(key.day),
		point_id: key.pointId,
		matter_id: key.matterId,
		...(Object.fromEntries(MEASURES.map((m) => [m, delta[m] ?? 0])) as Measures)
	});
}

/**
 * The figures of a status step (check-in, completion, refusal, cancellation, rating); a rating
 * also counts for the clerk who completed the application, and a poor one gets its follow-up.
 */
export async function recordStepFigures(
	tx: Tx,
	applicationId: string,
	step: string,
	at: Date,
	rating?: { stars: number; comment: string | null }
): Promise<void> {
	if (!['check_in', 'complete', 'refuse', 'cancel', 'rate'].includes(step)) return;
	const app = await tx
		.selectFrom('applications as a')
		.leftJoin('matters as m', 'm.id', 'a.matter_id')
		.select(['a.point_id', 'a.matter_id', 'a.created_at', 'm.promised_days'])
		.where('a.id', '=', applicationId)
		.executeTakeFirst();
	if (!app) return;
	const key = { day: dayOf(at), pointId: app.point_id, matterId: app.matter_id };
	const stamp = at.toISOString();
	let delta: Delta = {};
	if (step === 'check_in') delta = { check_ins: 1 };
	else if (step === 'refuse') delta = { refused: 1 };
	else if (step === 'cancel') delta = { cancelled: 1 };
	else if (step === 'complete') {
		const calendar = await workCalendar(tx, dayOf(app.created_at), key.day);
		delta = completedDelta(app.created_at, stamp, app.promised_days ?? 0, calendar);
	} else if (step === 'rate' && rating) {
		delta = ratedDelta(rating.stars);
		const clerkId = await clerkOfCompletion(tx, applicationId);
		await addClerkRating(tx, { ...key, clerkId }, rating.stars);
		if (rating.stars <= 2) {
			await tx
				.insertInto('rating_follow_ups')
				.values({
					application_id: applicationId,
					point_id: app.point_id,
					matter_id: app.matter_id,
					stars: rating.stars,
					comment: rating.comment ?? '',
					rated_at: stamp,
					deadline: await followUpDeadlineOf(tx, key.day)
				})
				.onConflict((oc) => oc.column('application_id').doNothing())
				.execute();
		}
	}
	await addFigures(tx, key, delta);
}

/** A walk-in's ticket, its first call, or a no-show, in the figures of the ticket's day and point. */
export async function recordTicketFigures(
	tx: Tx,
	ticketId: string,
	event: 'walk_in' | 'first_call' | 'no_show'
): Promise<void> {
	const t = await tx
		.selectFrom('tickets as t')
		.leftJoin('applications as a', 'a.id', 't.application_id')
		.select(['t.day', 't.point_id', 't.created_at', 't.first_called_at', 'a.matter_id'])
		.where('t.id', '=', ticketId)
		.executeTakeFirst();
	if (!t) return;
	const key = { day: t.day, pointId: t.point_id, matterId: t.matter_id ?? '' };
	const delta: Delta =
		event === 'walk_in'
			? { walk_ins: 1 }
			: event === 'no_show'
				? { ticket_no_shows: 1 }
				: firstCallDelta(t.created_at, t.first_called_at!);
	await addFigures(tx, key, delta);
}
