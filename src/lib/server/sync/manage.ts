import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { describeIssues } from '$lib/schemas/issues';
import { CHANGE_CUTOFF_HOURS } from '$lib/booking-rules';
import { cancelPayload, materialsPayload, movePayload, ratePayload } from '$lib/schemas/ops';
import { findService } from '../slots/free-slots';
import { alternatives, bookableChoices, bookFirstFree } from './booking';
import { recordChange } from './changes';
import { conflict, rejected, type OpContext, type Outcome } from './context';
import { changeStatus, holdForChange } from '../applications/status';
import { applicationReply } from './reply';
import { endBooking, openBookingOf } from './slots-hold';
import { activeBookingOf } from './statements';
import { strangeMaterials } from './strange-materials';
import { attachPhotos, ownBlobs } from '../blobs/store';

const labels = {
	applicationId: () => 'applicationId',
	slots: m.field_slot,
	stars: m.field_stars,
	comment: m.field_comment
};

async function ownApplication(ctx: OpContext, applicationId: string) {
	return ctx.tx
		.selectFrom('applications')
		.selectAll()
		.where('id', '=', applicationId)
		.where('device_id', '=', ctx.device.id)
		.executeTakeFirst();
}

function pastCutoff(ctx: OpContext, slotStart: string | null): boolean {
	return !!slotStart && Date.parse(slotStart) - ctx.now.getTime() < CHANGE_CUTOFF_HOURS * 3_600_000;
}

function invalid(issues: readonly v.BaseIssue<unknown>[]): Outcome {
	const fields = describeIssues(issues, labels);
	return rejected('invalid_input', fields[0]?.message ?? m.err_invalid_input(), fields);
}

/** No application of this device has the id: the id is named, as any field at fault is. */
function notFound(): Outcome {
	const message = m.err_not_found_application();
	return rejected('not_found', message, [{ field: 'applicationId', message }]);
}

/** `booking.cancel`: releases the place and closes the application, until the cutoff. */
export async function cancelBooking(ctx: OpContext, raw: unknown): Promise<Outcome> {
	const parsed = v.safeParse(cancelPayload, raw);
	if (!parsed.success) return invalid(parsed.issues);
	const app = await ownApplication(ctx, parsed.output.applicationId);
	if (!app) return notFound();
	if (app.status === 'cancelled')
		return { status: 'applied', reply: await applicationReply(ctx.tx, app.id), final: true };
	if (!(await holdForChange(ctx.tx, app.id, 'cancel', app.status))) {
		if (app.checked_in_at) return conflict('checked_in', m.err_checked_in_no_change());
		return conflict('not_cancellable', m.err_not_cancellable());
	}
	const booking = await openBookingOf(ctx.tx, app.id);
	if (booking?.status === 'booked' && pastCutoff(ctx, booking.slot_start)) {
		return conflict('past_cutoff', m.err_past_cutoff());
	}
	const stamp = ctx.now.toISOString();
	if (booking) await endBooking(ctx.tx, booking, 'cancelled', ctx.now);
	await changeStatus(ctx.tx, app.id, 'cancel', app.status, { updated_at: stamp }, { at: ctx.now });
	await recordChange(ctx.tx, ctx.kind, app.device_id, app.id, ctx.now);
	return { status: 'applied', reply: await applicationReply(ctx.tx, app.id), final: true };
}

/** `booking.move`: holds the new slot before the old one is released, in one transaction. */
export async function moveBooking(ctx: OpContext, raw: unknown): Promise<Outcome> {
	const parsed = v.safeParse(movePayload, raw);
	if (!parsed.success) return invalid(parsed.issues);
	const app = await ownApplication(ctx, parsed.output.applicationId);
	if (!app) return notFound();
	if (!(await holdForChange(ctx.tx, app.id, 'move', app.status))) {
		if (app.checked_in_at) return conflict('checked_in', m.err_checked_in_no_change());
		return conflict('not_movable', m.err_not_movable());
	}
	const booking = await openBookingOf(ctx.tx, app.id);
	if (booking?.status === 'booked' && pastCutoff(ctx, booking.slot_start)) {
		return conflict('past_cutoff', m.err_past_cutoff());
	}
	// An application waiting for a time may not take one while its person holds another for the
	// matter (one active booking per person per matter).
	const held = await activeBookingOf(ctx.tx, ctx.kind, {
		idNumber: app.applicant_id_number,
		matterId: app.matter_id
	});
	if (held.rows.some((other) => other.id !== booking?.id)) {
		return rejected('already_booked', m.err_already_booked_other());
	}
	const { point, rule } = findService(ctx.catalog, app.point_id, app.matter_id);
	if (!point || !rule) return conflict('not_handled', m.err_not_handled());
	const stamp = ctx.now.toISOString();
	const slot = await bookFirstFree(ctx, point, rule, parsed.output.slots, booking?.slot_start);
	if (!slot) {
		// Full, or not to be booked at all (past, closed, the time it holds): each said as it is.
		const bookable = bookableChoices(ctx, point, rule, parsed.output.slots, booking?.slot_start);
		const message = bookable.length ? m.err_no_slot() : m.err_slot_not_bookable();
		return conflict('no_slot', message, await alternatives(ctx, point, rule));
	}

	if (booking) await endBooking(ctx.tx, booking, 'released', ctx.now);
	await changeStatus(
		ctx.tx,
		app.id,
		'move',
		app.status,
		{ updated_at: stamp },
		{ at: ctx.now, note: slot }
	);
	await ctx.tx
		.insertInto('bookings')
		.values({
			id: randomUUID(),
			application_id: app.id,
			point_id: app.point_id,
			matter_id: app.matter_id,
			applicant_id_number: app.applicant_id_number,
			slot_start: slot,
			status: 'booked',
			created_at: stamp,
			updated_at: stamp
		})
		.execute();
	await recordChange(ctx.tx, ctx.kind, app.device_id, app.id, ctx.now);
	return { status: 'applied', reply: await applicationReply(ctx.tx, app.id), final: true };
}

/** `rating.submit`: five levels and a comment, once, after completion. */
export async function rateService(ctx: OpContext, raw: unknown): Promise<Outcome> {
	const parsed = v.safeParse(ratePayload, raw);
	if (!parsed.success) return invalid(parsed.issues);
	const app = await ownApplication(ctx, parsed.output.applicationId);
	if (!app) return notFound();
	if (app.status !== 'completed') return conflict('not_completed', m.err_not_completed());
	const rated = await changeStatus(
		ctx.tx,
		app.id,
		'rate',
		app.status,
		{
			rating: parsed.output.stars,
			rating_comment: parsed.output.comment,
			updated_at: ctx.now.toISOString()
		},
		{ at: ctx.now, note: String(parsed.output.stars) }
	);
	if (!rated) return conflict('already_rated', m.err_already_rated());
	await recordChange(ctx.tx, ctx.kind, app.device_id, app.id, ctx.now);
	return {
		status: 'applied',
		reply: { kind: 'rating', applicationId: app.id, stars: parsed.output.stars },
		final: true
	};
}

/**
 * `materials.add`: photos of the materials the counter asked for; the application goes back to
 * the counter (accepted again if it had been accepted, else submitted).
 */
export async function addMaterials(ctx: OpContext, raw: unknown): Promise<Outcome> {
	const parsed = v.safeParse(materialsPayload, raw);
	if (!parsed.success) return invalid(parsed.issues);
	const app = await ownApplication(ctx, parsed.output.applicationId);
	if (!app) return notFound();
	const matters = (JSON.parse(app.matter_ids) as string[]).flatMap(
		(id) => ctx.catalog.matters.find((x) => x.id === id) ?? []
	);
	const strange = strangeMaterials(matters, parsed.output.attachments);
	if (strange.length) return rejected('invalid_input', strange[0]!.message, strange);
	const own = await ownBlobs(
		ctx.tx,
		ctx.device.id,
		parsed.output.attachments.map((a) => a.sha256)
	);
	const materials = [...new Set(parsed.output.attachments.map((a) => a.materialId))];
	// What was asked for and has not come: still owed, the application waits for it.
	const owed = (JSON.parse(app.requested_materials) as string[]).filter(
		(id) => !materials.includes(id)
	);
	const added = await changeStatus(
		ctx.tx,
		app.id,
		'add_materials',
		app.status,
		{ updated_at: ctx.now.toISOString(), requested_materials: JSON.stringify(owed) },
		{ at: ctx.now, note: materials.join(',') }
	);
	if (!added) return conflict('not_asked', m.err_materials_not_asked());
	await attachPhotos(ctx.tx, ctx.device.id, app.id, parsed.output.attachments, own, ctx.now, {
		await: true
	});
	await recordChange(ctx.tx, ctx.kind, app.device_id, app.id, ctx.now);
	return { status: 'applied', reply: await applicationReply(ctx.tx, app.id), final: true };
}
