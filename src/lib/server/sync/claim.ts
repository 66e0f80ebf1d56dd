import * as v from 'valibot';
import { idsOfClaim, isKeyBound } from '$lib/claim-ids';
import { attachmentSchema } from '$lib/schemas/ops';
import { addFigures, dayOf } from '../figures/record';
import { claimDigest } from '$lib/qr-payload';
import type { Device } from '../auth/devices';
import { attachPhotos, ownBlobs } from '../blobs/store';
import type { DatabaseKind } from '../db/connect';
import type { Selectable } from 'kysely';
import type { OpTable } from '../db/schema';
import type { OpEnvelope } from '$lib/schemas/ops';
import type { ApplyOptions } from './apply-ops';
import type { Tx } from '../db/transaction';
import { recordChange } from './changes';

/**
 * Whether a submit may be applied under its ids: those a phone derived from its claim key are
 * taken only with the key (from a device) or with the digest they come from (a counter scanning
 * the receipt's code, whose application must be as it was made). Whoever read the code has
 * neither the key nor, with a digest of their own, the ids. Random ids, as phones made them
 * before, are taken as they come.
 */
export async function claimHolds(op: OpEnvelope, options: ApplyOptions): Promise<boolean> {
	if (op.kind !== 'application.submit') return true;
	const applicationId = op.payload.applicationId;
	const appId = typeof applicationId === 'string' ? applicationId.toLowerCase() : '';
	if (!isKeyBound(op.opId) && !isKeyBound(appId)) return true;
	const claim = options.takeIn
		? options.takeIn.claimHash
		: op.claimKey && (await claimDigest(op.claimKey));
	if (!claim) return false;
	const ids = await idsOfClaim(claim, op.payload);
	if (op.opId === ids.opId && appId === ids.applicationId) return true;
	// Ids a phone made before they were bound to the application as made: its key proves them, a
	// code (whose application could have been changed) does not.
	if (options.takeIn) return false;
	const unbound = await idsOfClaim(claim);
	return op.opId === unbound.opId && appId === unbound.applicationId;
}

/**
 * Whether this device may take over an op a counter took in from a receipt's code: only the phone
 * that made the application holds the key whose digest the code carried.
 */
export async function mayClaim(
	stored: Selectable<Pick<OpTable, 'taken_in' | 'device_id' | 'claim_hash'>>,
	device: Device,
	claimKey: string | undefined
): Promise<boolean> {
	return (
		!!stored.taken_in &&
		stored.device_id !== device.id &&
		!!stored.claim_hash &&
		!!claimKey &&
		(await claimDigest(claimKey)) === stored.claim_hash
	);
}

/**
 * The phone that made an application a counter took in from its receipt's code syncs the same op:
 * the application becomes the phone's, with the photos it has uploaded since, and the phone learns
 * its state at its next pull.
 */
export async function claimTakenIn(
	tx: Tx,
	kind: DatabaseKind,
	device: Device,
	opId: string,
	payload: Record<string, unknown>,
	now: Date
): Promise<void> {
	await tx
		.updateTable('ops')
		.set({ device_id: device.id, taken_in: 0, claim_hash: null })
		.where('op_id', '=', opId)
		.execute();
	const app = await tx
		.selectFrom('applications')
		.select(['id', 'point_id', 'matter_id', 'created_at', 'agent_user_id'])
		.where('op_id', '=', opId)
		.executeTakeFirst();
	if (!app) return;
	await tx
		.updateTable('applications')
		.set({ device_id: device.id, agent_user_id: device.userId })
		.where('id', '=', app.id)
		.execute();
	// Filed by an agent after all: counted on the day it came in, as a rebuild would.
	if (device.userId && !app.agent_user_id) {
		await addFigures(
			tx,
			{ day: dayOf(app.created_at), pointId: app.point_id, matterId: app.matter_id },
			{ by_agent: 1 }
		);
	}
	const attachments = Array.isArray(payload.attachments)
		? (payload.attachments as unknown[]).filter((a) => v.is(attachmentSchema, a))
		: [];
	const own = await ownBlobs(
		tx,
		device.id,
		attachments.map((a) => a.sha256)
	);
	// Photos the phone has not sent yet join the application when they arrive.
	await attachPhotos(tx, device.id, app.id, attachments, own, now, { await: true });
	await recordChange(tx, kind, device.id, app.id, now);
}
