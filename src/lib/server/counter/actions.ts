import type { CatalogSnapshot } from '$lib/catalog/types';
import { decodeQr, looksLikeQr } from '$lib/qr-payload';
import { typedReference } from '$lib/reference';
import { SCHEMA_VERSION } from '$lib/schemas/ops';
import { registerDevice, type Device } from '../auth/devices';
import type { SignedInUser } from '../auth/sessions';
import type { Connection } from '../db/connect';
import type { ApplicationStatus } from '../db/schema';
import {
	allows,
	changeStatus,
	COUNTER_STEPS,
	lastStepOf,
	STEPS,
	wasAccepted
} from '../applications/status';
import { writeTransaction } from '../db/transaction';
import { applyOps } from '../sync/apply-ops';
import { recordChange } from '../sync/changes';
import { mayServe } from './access';
import { categoryOf } from './applications';
import { audit } from './audit';
import { announceCall } from './call-events';
import { issueTicket } from './tickets';

export type CounterOutcome =
	| {
			ok: true;
			applicationId: string;
			ticket: string | null;
			takenIn?: boolean;
			/** Checked in before (the same code again): when; its ticket is the one it had. */
			earlier?: string;
	  }
	| {
			ok: false;
			code:
				| 'not_found'
				| 'other_centre'
				| 'not_ours'
				| 'rejected'
				| 'closed'
				| 'missing_marked'
				| 'not_accepted'
				| 'changed'
				| 'unreadable';
			message?: string;
			/** `missing_marked`: the materials marked missing that stand in the step's way. */
			materials?: string[];
			/** `missing_marked`: the application's matters, whose materials these are. */
			matterIds?: string[];
			/** `closed`, `changed`: the state the application is in, where it is known. */
			status?: ApplicationStatus;
			/** `other_centre`: the point the application belongs to, to send the resident there. */
			pointId?: string;
	  };

const otherCentre = (pointId: string) => ({
	ok: false as const,
	code: 'other_centre' as const,
	pointId
});

/** Checks an application in at the counter and gives it a ticket (once; again shows the same). */
export async function checkIn(
	conn: Connection,
	user: SignedInUser,
	catalog: CatalogSnapshot,
	applicationId: string,
	now = new Date()
): Promise<CounterOutcome> {
	return writeTransaction(conn, async (tx): Promise<CounterOutcome> => {
		const app = await tx
			.selectFrom('applications')
			.select(['id', 'device_id', 'point_id', 'matter_id', 'status', 'checked_in_at'])
			.where('id', '=', applicationId)
			.executeTakeFirst();
		if (!app) return { ok: false, code: 'not_found' };
		if (!mayServe(user, app.point_id)) return otherCentre(app.point_id);
		if (!allows('check_in', app.status)) return { ok: false, code: 'closed', status: app.status };
		const existing = await tx
			.selectFrom('tickets')
			.select('code')
			.where('application_id', '=', app.id)
			.executeTakeFirst();
		if (existing) {
			const earlier = app.checked_in_at ?? undefined;
			return { ok: true, applicationId: app.id, ticket: existing.code, earlier };
		}
		const checkedIn = await changeStatus(
			tx,
			app.id,
			'check_in',
			app.status,
			{ checked_in_at: now.toISOString() },
			{ at: now }
		);
		if (!checkedIn) return { ok: false, code: 'closed' };
		// The phone shows the step, and no longer offers to cancel or move.
		await recordChange(tx, conn.kind, app.device_id, app.id, now);
		const category = categoryOf(catalog, app.matter_id);
		const ticket = await issueTicket(
			conn,
			tx,
			{
				pointId: app.point_id,
				categoryId: category.id,
				prefix: category.ticketPrefix,
				applicationId: app.id
			},
			now
		);
		// The step carries the number, for the phone to say what to wait for on the hall display.
		await tx
			.updateTable('application_events')
			.set({ note: ticket.code })
			.where('application_id', '=', app.id)
			.where('step', '=', 'check_in')
			.execute();
		await audit(
			tx,
			user,
			{
				action: 'check_in',
				pointId: app.point_id,
				applicationId: app.id,
				before: { checkedInAt: app.checked_in_at },
				after: { checkedInAt: now.toISOString(), ticket: ticket.code }
			},
			now
		);
		await announceCall(conn, tx, app.point_id);
		return { ok: true, applicationId: app.id, ticket: ticket.code };
	});
}

/**
 * Finds an application by its reference (`LY-…`) as typed (`typedReference`), with the point it
 * belongs to.
 */
async function byReference(conn: Connection, typed: string) {
	const reference = typedReference(typed);
	if (!reference) return undefined;
	return conn.db
		.selectFrom('applications')
		.select(['id', 'point_id'])
		.where('reference', '=', reference)
		.executeTakeFirst();
}

/** The device a counter's take-ins are recorded under, one per staff member. */
async function counterDevice(conn: Connection, user: SignedInUser): Promise<Device> {
	const found = await conn.db
		.selectFrom('devices')
		.select('id')
		.where('user_id', '=', user.id)
		.orderBy('created_at')
		.executeTakeFirst();
	if (found) return { id: found.id, userId: user.id };
	const { deviceId } = await registerDevice(conn.db, user.id);
	return { id: deviceId, userId: user.id };
}

/**
 * Checks in from a scanned receipt code or a typed reference. An application in a code that never
 * reached the server is taken in as the phone's own `application.submit`, under the same op id, so
 * the phone's later sync is answered `duplicate` and nothing counts twice.
 */
export async function checkInScanned(
	conn: Connection,
	user: SignedInUser,
	catalog: CatalogSnapshot,
	scanned: string,
	now = new Date()
): Promise<CounterOutcome> {
	const text = scanned.trim();
	const qr = await decodeQr(text);
	if (!qr) {
		if (looksLikeQr(text)) return { ok: false, code: 'unreadable' };
		const app = await byReference(conn, text);
		if (!app) return { ok: false, code: 'not_found' };
		if (!mayServe(user, app.point_id)) return otherCentre(app.point_id);
		return checkIn(conn, user, catalog, app.id, now);
	}
	const applicationId = String(qr.payload.applicationId ?? '');
	const pointId = String(qr.payload.pointId ?? '');
	if (!mayServe(user, pointId)) return otherCentre(pointId);
	const known = await conn.db
		.selectFrom('applications')
		.select('id')
		.where('id', '=', applicationId)
		.executeTakeFirst();
	let takenIn = false;
	if (!known) {
		const device = await counterDevice(conn, user);
		const [result] = await applyOps(
			conn,
			device,
			[
				{
					opId: qr.opId,
					kind: 'application.submit',
					schemaVersion: SCHEMA_VERSION,
					payload: qr.payload
				}
			],
			catalog,
			() => now,
			{ takeIn: { claimHash: qr.claim ?? null } }
		);
		if (!result || (result.status !== 'applied' && result.status !== 'duplicate')) {
			const reply = result?.reply as { message?: string } | undefined;
			return { ok: false, code: 'rejected', message: reply?.message };
		}
		takenIn = true;
		await writeTransaction(conn, (tx) =>
			audit(tx, user, { action: 'take_in', pointId, applicationId, after: { opId: qr.opId } }, now)
		);
	}
	const outcome = await checkIn(conn, user, catalog, applicationId, now);
	return outcome.ok ? { ...outcome, takenIn } : outcome;
}

export type ProcessAction = (typeof COUNTER_STEPS)[number];

export interface ProcessDetails {
	/** The clerk's words to the resident (the reason, for a refusal). */
	note: string;
	/**
	 * Materials the clerk marked missing: those the resident is asked for (`request_materials`);
	 * none may be, to complete, nor to accept unless `toFollow`.
	 */
	materials: string[];
	/** Materials the clerk marked received, for the log. */
	received?: string[];
	/**
	 * Accept though materials are marked missing, the resident to bring them later (容缺受理):
	 * the clerk confirmed it, and the log names them.
	 */
	toFollow?: boolean;
	/**
	 * The last step of the record as the clerk saw it (`ApplicationRecord.seen`): if another has
	 * been made since (a colleague's, the resident's), nothing is done (`changed`), as the clerk
	 * decided on what is no longer so.
	 */
	seen?: number;
}

/** The ids among `ids` that are materials of these matters, each once. */
function materialsOf(catalog: CatalogSnapshot, matterIds: string[], ids: string[]): string[] {
	const known = new Set(
		catalog.matters
			.filter((x) => matterIds.includes(x.id))
			.flatMap((x) => x.materials.map((m) => m.id))
	);
	return [...new Set(ids.filter((id) => known.has(id)))];
}

/**
 * Moves an application on: accept, ask for more materials, complete, or refuse. The resident's
 * phone sees the change and its note at its next sync; the audit log keeps before and after. Only
 * materials of the application's own matters count: asking for none is `rejected`; completing
 * with one marked missing is `missing_marked`, and so is accepting, unless `toFollow` says so.
 */
export async function processApplication(
	conn: Connection,
	user: SignedInUser,
	catalog: CatalogSnapshot,
	applicationId: string,
	action: ProcessAction,
	details: ProcessDetails,
	now = new Date()
): Promise<CounterOutcome> {
	return writeTransaction(conn, async (tx): Promise<CounterOutcome> => {
		const app = await tx
			.selectFrom('applications')
			.select([
				'id',
				'point_id',
				'device_id',
				'matter_ids',
				'status',
				'status_note',
				'requested_materials'
			])
			.where('id', '=', applicationId)
			.executeTakeFirst();
		if (!app) return { ok: false, code: 'not_found' };
		if (!mayServe(user, app.point_id)) return otherCentre(app.point_id);
		if (details.seen !== undefined && (await lastStepOf(tx, app.id)) !== details.seen)
			return { ok: false, code: 'changed', status: app.status };
		const matterIds = JSON.parse(app.matter_ids) as string[];
		const missing = materialsOf(catalog, matterIds, details.materials);
		if (
			action === 'complete' &&
			app.status === 'more_materials' &&
			!(await wasAccepted(tx, app.id))
		)
			return { ok: false, code: 'not_accepted' };
		const tolerated = action === 'accept' && !!details.toFollow;
		if ((action === 'accept' || action === 'complete') && missing.length && !tolerated) {
			return { ok: false, code: 'missing_marked', materials: missing, matterIds };
		}
		const materials = action === 'request_materials' ? missing : [];
		if (action === 'request_materials' && !materials.length) return { ok: false, code: 'rejected' };
		// What the resident still owes, for the phone to name: asked for now, or to follow.
		const owed = tolerated ? missing : materials;
		const received = materialsOf(catalog, matterIds, details.received ?? []).filter(
			(id) => !materials.includes(id)
		);
		const changed = await changeStatus(
			tx,
			app.id,
			action,
			app.status,
			{
				status_note: details.note,
				requested_materials: JSON.stringify(owed),
				updated_at: now.toISOString()
			},
			{ at: now, note: details.note }
		);
		if (!changed) return { ok: false, code: 'closed' };
		await recordChange(tx, conn.kind, app.device_id, app.id, now);
		await audit(
			tx,
			user,
			{
				action,
				pointId: app.point_id,
				applicationId: app.id,
				before: {
					status: app.status,
					note: app.status_note,
					requestedMaterials: JSON.parse(app.requested_materials)
				},
				after: {
					status: STEPS[action].to,
					note: details.note,
					requestedMaterials: materials,
					...(received.length ? { receivedMaterials: received } : {}),
					...(tolerated && missing.length ? { materialsToFollow: missing } : {})
				},
				note: details.note
			},
			now
		);
		// The counters' pages list the status, and a finished visit's ticket leaves the queue.
		await announceCall(conn, tx, app.point_id);
		return { ok: true, applicationId: app.id, ticket: null };
	});
}
