import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type {
	Bundle,
	CatalogSnapshot,
	FormField,
	Point,
	Question,
	SlotRule
} from '$lib/catalog/types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { randomReference, referenceOf } from '$lib/reference';
import { type Applicant, formSchema, parseApplication } from '$lib/schemas/application';
import { mergedFields } from '$lib/catalog/merged-fields';
import { describeIssues } from '$lib/schemas/issues';
import {
	submitPayload,
	type BookingReply,
	type FieldProblem,
	type SubmitPayload
} from '$lib/schemas/ops';
import { findService } from '../slots/free-slots';
import { alternatives, bookFirstFree } from './booking';
import { changeWrite } from './changes';
import { strangeMaterials } from './strange-materials';
import { conflict, rejected, type OpContext, type Outcome } from './context';
import { activeBookingOf, insertApplication, insertBooking } from './statements';
import { attachPhotos, ownBlobs } from '../blobs/store';
import { stepWrite } from '../applications/status';
import { dayOf, figuresWrite, submittedDelta } from '../figures/record';
import { mergedQuestions } from '$lib/catalog/merged-questions';
import { agentAnswers } from '$lib/catalog/agent-answers';

const payloadLabels = {
	applicationId: () => 'applicationId',
	matterId: m.field_matter,
	pointId: m.field_point,
	slots: m.field_slot
};

const forms = new WeakMap<CatalogSnapshot, Map<string, ReturnType<typeof buildForm>>>();

function buildForm(catalog: CatalogSnapshot, matterIds: string[]) {
	const fields = mergedFields(
		matterIds.map((id): FormField[] => catalog.matters.find((x) => x.id === id)?.form ?? [])
	);
	return { fields, schema: formSchema(fields) };
}

/** The form of these matters, built once per catalogue version. */
function applicationForm(catalog: CatalogSnapshot, matterIds: string[]) {
	let byMatters = forms.get(catalog);
	if (!byMatters) forms.set(catalog, (byMatters = new Map()));
	const key = matterIds.join('|');
	let form = byMatters.get(key);
	if (!form) byMatters.set(key, (form = buildForm(catalog, matterIds)));
	return form;
}

/** A submit's payload read and checked against the catalogue; or the answer that refuses it. */
export type CheckedSubmit =
	| {
			p: SubmitPayload;
			bundle: Bundle | undefined;
			/** The bundle's matters, or the one matter. */
			matterIds: string[];
			point: Point;
			rule: SlotRule;
			applicant: Applicant;
			form: Record<string, unknown>;
			/** The matters' situation questions, a bundle's merged. */
			questions: Question[];
	  }
	| { refused: Outcome };

/**
 * What a submit checks without the database (its payload, its matter, point and form against the
 * catalogue): run before the op waits for its turn to write, so that writers do not wait on it.
 */
export function checkSubmit(catalog: CatalogSnapshot, raw: unknown): CheckedSubmit {
	const refuse = (fields: FieldProblem[]) => ({ refused: invalid(fields) });
	const parsed = v.safeParse(submitPayload, raw);
	if (!parsed.success) return refuse(describeIssues(parsed.issues, payloadLabels));
	const p = parsed.output;
	const matter = catalog.matters.find((x) => x.id === p.matterId);
	if (!matter) {
		return refuse([{ field: 'matterId', message: m.err_not_found({ field: m.field_matter() }) }]);
	}
	const bundle = p.bundleId ? catalog.bundles.find((b) => b.id === p.bundleId) : undefined;
	if (p.bundleId && !bundle) {
		return refuse([{ field: 'bundleId', message: m.err_not_found({ field: m.field_bundle() }) }]);
	}
	if (bundle && !bundle.matterIds.includes(p.matterId)) {
		return refuse([{ field: 'matterId', message: m.err_matter_not_in_bundle() }]);
	}
	const matterIds = bundle ? bundle.matterIds : [p.matterId];
	const { point, rule } = findService(catalog, p.pointId, p.matterId);
	if (!point) {
		return refuse([{ field: 'pointId', message: m.err_not_found({ field: m.field_point() }) }]);
	}
	const handlesAll =
		point && matterIds.every((id) => point.services.some((s) => s.matterId === id));
	if (!point || !rule || !handlesAll) {
		return refuse([{ field: 'pointId', message: m.err_not_handled() }]);
	}

	const locale = getLocale() === 'en' ? 'en' : 'zh';
	const application = parseApplication(p, applicationForm(catalog, matterIds), locale);
	if ('issues' in application) return refuse(application.issues);
	const matters = matterIds.flatMap((id) => catalog.matters.find((x) => x.id === id) ?? []);
	const questions = mergedQuestions(matters);
	const answers = knownAnswers(questions, p.answers, locale);
	if ('issues' in answers) return refuse(answers.issues);
	const strange = strangeMaterials(matters, p.attachments);
	if (strange.length) return refuse(strange);
	return {
		p: { ...p, answers: answers.answers },
		bundle,
		matterIds,
		point,
		rule,
		applicant: application.applicant,
		form: application.fields,
		questions
	};
}

/**
 * `application.submit`: the application, its attachments and its booking, all or nothing.
 * `checked`: the payload as `checkSubmit` found it, when it was checked beforehand.
 */
export async function submitApplication(
	ctx: OpContext,
	raw: unknown,
	checked: CheckedSubmit = checkSubmit(ctx.catalog, raw)
): Promise<Outcome> {
	if ('refused' in checked) return checked.refused;
	const { p, bundle, matterIds, point, rule, applicant, form, questions } = checked;
	const { tx, now, device } = ctx;
	// A counter taking a code in is no agent: who filed it is learnt when the phone syncs.
	const agentUserId = ctx.takeIn ? null : device.userId;
	const answers = agentUserId ? { ...p.answers, ...agentAnswers(questions) } : p.answers;

	const own = await ownBlobs(
		tx,
		device.id,
		p.attachments.map((a) => a.sha256)
	);

	const idNumber = applicant.idNumber;
	const stamp = now.toISOString();
	const row = {
		id: p.applicationId,
		op_id: ctx.opId,
		device_id: device.id,
		agent_user_id: agentUserId,
		matter_id: p.matterId,
		bundle_id: bundle?.id ?? null,
		matter_ids: JSON.stringify(matterIds),
		point_id: point.id,
		applicant_name: applicant.name,
		applicant_id_number: idNumber,
		applicant_phone: applicant.phone,
		fields: JSON.stringify(form),
		answers: JSON.stringify(answers),
		status: 'submitted' as const,
		device_created_at: madeAt(p.createdAt, ctx),
		created_at: stamp,
		updated_at: stamp
	};
	const reference = await insertWithReference(ctx, row);
	if (reference === ALREADY_BOOKED) {
		return rejected('already_booked', m.err_already_booked(), [
			{ field: 'applicant.idNumber', message: m.err_already_booked() }
		]);
	}
	if (!reference) return conflict('application_exists', m.err_application_exists());

	const slot = await bookFirstFree(ctx, point, rule, p.slots);
	// The booking does not wait for the photos: those still on the phone join when they arrive.
	// A counter taking the application in from its code has none of them; the phone's claim
	// notes them later.
	await attachPhotos(tx, device.id, p.applicationId, p.attachments, own, now, {
		await: !ctx.takeIn
	});
	const writes = [
		insertBooking.query(tx, ctx.kind, {
			id: randomUUID(),
			application_id: p.applicationId,
			point_id: point.id,
			matter_id: p.matterId,
			applicant_id_number: idNumber,
			slot_start: slot,
			status: slot ? 'booked' : 'needs_slot',
			created_at: stamp,
			updated_at: stamp
		}),
		stepWrite(tx, p.applicationId, 'submitted', now),
		figuresWrite(
			tx,
			{ day: dayOf(now), pointId: point.id, matterId: p.matterId },
			submittedDelta(!!slot, {
				deviceCreatedAt: row.device_created_at,
				receivedAt: stamp,
				byAgent: !!row.agent_user_id
			})
		),
		changeWrite(tx, ctx.kind, device.id, p.applicationId, now)
	];

	const booking: BookingReply = {
		status: slot ? 'booked' : 'needs_slot',
		pointId: point.id,
		matterId: p.matterId,
		slotStart: slot,
		...(slot ? {} : { alternatives: await alternatives(ctx, point, rule) })
	};
	return {
		status: 'applied',
		reply: {
			kind: 'application',
			applicationId: p.applicationId,
			reference,
			status: 'submitted',
			booking
		},
		final: true,
		writes
	};
}

const ALREADY_BOOKED = Symbol('already booked');

/**
 * Inserts the application under the reference its device made from its id, or, in the rare case
 * another application has that one, under a fresh one (the device learns it from the reply).
 * `ALREADY_BOOKED` when its applicant holds an active booking for its matter; null when an
 * application with this id exists.
 */
async function insertWithReference(
	ctx: OpContext,
	row: Omit<Parameters<typeof insertApplication>[2], 'reference'>
): Promise<string | typeof ALREADY_BOOKED | null> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const reference = attempt ? randomReference() : referenceOf(row.id);
		const inserted = await insertApplication(ctx.tx, ctx.kind, { ...row, reference });
		if (Number(inserted.numAffectedRows)) return reference;
		// The application itself first: sent again under another op, it is not a second booking.
		const taken = await ctx.tx
			.selectFrom('applications')
			.select(['id', 'reference'])
			.where((eb) => eb.or([eb('id', '=', row.id), eb('reference', '=', reference)]))
			.execute();
		if (taken.some((t) => t.id === row.id)) return null;
		const booked = await activeBookingOf(ctx.tx, ctx.kind, {
			idNumber: row.applicant_id_number,
			matterId: row.matter_id
		});
		if (booked.rows.length) return ALREADY_BOOKED;
		if (!taken.length) return null;
	}
	throw new Error('no free reference');
}

/**
 * The situation answers to keep: those to a question the matters ask, each one of its options. An
 * answer to a question no longer asked (the catalogue changed while the application waited) is
 * dropped; an option the question does not offer is named.
 */
function knownAnswers(
	asked: Question[],
	given: Record<string, string>,
	locale: 'zh' | 'en'
): { answers: Record<string, string> } | { issues: FieldProblem[] } {
	const questions = new Map(asked.map((q) => [q.id, q]));
	const answers: Record<string, string> = {};
	const issues: FieldProblem[] = [];
	for (const [id, option] of Object.entries(given)) {
		const question = questions.get(id);
		if (!question) continue;
		if (question.options.some((o) => o.id === option)) answers[id] = option;
		else
			issues.push({ field: `answers.${id}`, message: m.err_choice({ field: question[locale] }) });
	}
	return issues.length ? { issues } : { answers };
}

function invalid(fields: FieldProblem[]): Outcome {
	return rejected('invalid_input', fields[0]?.message ?? m.err_invalid_input(), fields);
}

/** Longer than any application waits in a phone's outbox. */
const LONGEST_WAIT_MS = 366 * 24 * 3_600_000;

/**
 * When the phone made the application, on the server's clock: the phone's own reading corrected
 * by how far its clock is off, never after it arrived nor more than a year before.
 */
function madeAt(createdAt: string, ctx: OpContext): string {
	const arrived = ctx.now.getTime();
	const made = Date.parse(createdAt) + (ctx.clockSkewMs ?? 0);
	return new Date(Math.min(Math.max(made, arrived - LONGEST_WAIT_MS), arrived)).toISOString();
}
