import { hash as sha256 } from 'node:crypto';
import * as v from 'valibot';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { m } from '$lib/paraglide/messages';
import { describeIssues } from '$lib/schemas/issues';
import { opEnvelope, type OpKind, type OpResult } from '$lib/schemas/ops';
import type { Device } from '../auth/devices';
import type { Connection } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { compiledOnce } from '../db/compiled';
import type { Insertable } from 'kysely';
import type { OpTable } from '../db/schema';
import type { OpContext, Outcome } from './context';
import { cancelBooking, moveBooking, rateService } from './manage';
import { attachPresent, presentBlobs, submitApplication } from './submit';
import { recordChange } from './changes';
import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';

const handlers: Record<OpKind, (ctx: OpContext, payload: unknown) => Promise<Outcome>> = {
	'application.submit': submitApplication,
	'booking.cancel': cancelBooking,
	'booking.move': moveBooking,
	'rating.submit': rateService
};

const envelopeLabels = {
	opId: () => 'opId',
	kind: () => 'kind',
	schemaVersion: () => 'schemaVersion',
	payload: () => 'payload'
};

const storedOp = compiledOnce((db, p: { opId: string }) =>
	db.selectFrom('ops').selectAll().where('op_id', '=', p.opId)
);

const storeOp = compiledOnce((db, p: Insertable<OpTable>) =>
	db.insertInto('ops').values({
		op_id: p.op_id,
		device_id: p.device_id,
		kind: p.kind,
		payload_hash: p.payload_hash,
		status: p.status,
		reply: p.reply,
		created_at: p.created_at,
		taken_in: p.taken_in
	})
);

/** A digest of what an op asks for, to tell a retry from a reuse of its id. */
function digest(kind: string, payload: unknown): string {
	return sha256('sha256', `${kind}\0${JSON.stringify(payload, sortedKeys) ?? 'null'}`, 'hex');
}

/** Objects with their keys in order, so the same payload hashes alike however it was written. */
function sortedKeys(_key: string, value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const sorted: Record<string, unknown> = {};
	for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
	return sorted;
}

/**
 * Applies each op once, in order, each in its own transaction with its reply stored in that same
 * transaction; a retried op gets its stored reply back as `duplicate`.
 */
export async function applyOps(
	conn: Connection,
	device: Device,
	ops: unknown[],
	catalog: CatalogSnapshot,
	now: () => Date = () => new Date(),
	options: { takeIn?: boolean } = {}
): Promise<OpResult[]> {
	const results: OpResult[] = [];
	for (const raw of ops) results.push(await applyOne(conn, device, raw, catalog, now(), options));
	return results;
}

async function applyOne(
	conn: Connection,
	device: Device,
	raw: unknown,
	catalog: CatalogSnapshot,
	now: Date,
	options: { takeIn?: boolean }
): Promise<OpResult> {
	const envelope = v.safeParse(opEnvelope, raw);
	if (!envelope.success) {
		const opId =
			typeof (raw as { opId?: unknown })?.opId === 'string' ? (raw as { opId: string }).opId : '';
		const fields = describeIssues(envelope.issues, envelopeLabels);
		return {
			opId,
			status: 'rejected',
			reply: { code: 'invalid_op', message: fields[0]?.message ?? m.err_invalid_input(), fields }
		};
	}
	const op = envelope.output;
	const hash = digest(op.kind, op.payload);
	for (let attempt = 0; ; attempt++) {
		try {
			return await writeTransaction(conn, async (tx) => {
				const [stored] = (await storedOp(tx, conn.kind, { opId: op.opId })).rows;
				if (stored) {
					if (
						stored.taken_in &&
						stored.device_id !== device.id &&
						stored.payload_hash === hash &&
						!options.takeIn
					) {
						await claimTakenIn(tx, conn.kind, device, op.opId, op.payload, now);
						return { opId: op.opId, status: 'duplicate', reply: JSON.parse(stored.reply) };
					}
					if (stored.device_id !== device.id || stored.payload_hash !== hash) {
						return {
							opId: op.opId,
							status: 'rejected',
							reply: { code: 'op_id_reused', message: m.err_op_reused() }
						};
					}
					return { opId: op.opId, status: 'duplicate', reply: JSON.parse(stored.reply) };
				}
				const ctx: OpContext = {
					tx,
					kind: conn.kind,
					device,
					catalog,
					now,
					opId: op.opId,
					takeIn: options.takeIn
				};
				const outcome = await handlers[op.kind](ctx, op.payload);
				if (outcome.final) {
					await storeOp(tx, conn.kind, {
						op_id: op.opId,
						device_id: device.id,
						kind: op.kind,
						payload_hash: hash,
						status: outcome.status,
						reply: JSON.stringify(outcome.reply),
						created_at: now.toISOString(),
						taken_in: options.takeIn && outcome.status === 'applied' ? 1 : 0
					});
				}
				return { opId: op.opId, status: outcome.status, reply: outcome.reply };
			});
		} catch (error) {
			// Two requests raced with one op (a retry while the first was in flight): the loser's
			// insert hits a unique key and rolls back; on the next pass it finds the stored reply.
			if (attempt < 3 && isUniqueViolation(error)) continue;
			throw error;
		}
	}
}

/**
 * The phone that made an application a counter took in from its receipt's code syncs the same op:
 * the application becomes the phone's, with the photos it has uploaded since, and the phone learns
 * its state at its next pull.
 */
async function claimTakenIn(
	tx: Tx,
	kind: DatabaseKind,
	device: Device,
	opId: string,
	payload: Record<string, unknown>,
	now: Date
): Promise<void> {
	await tx
		.updateTable('ops')
		.set({ device_id: device.id, taken_in: 0 })
		.where('op_id', '=', opId)
		.execute();
	const app = await tx
		.selectFrom('applications')
		.select('id')
		.where('op_id', '=', opId)
		.executeTakeFirst();
	if (!app) return;
	await tx
		.updateTable('applications')
		.set({ device_id: device.id })
		.where('id', '=', app.id)
		.execute();
	const attachments = Array.isArray(payload.attachments)
		? (payload.attachments as { sha256: string; materialId: string }[]).filter(
				(a) => typeof a?.sha256 === 'string' && typeof a?.materialId === 'string'
			)
		: [];
	const present = await presentBlobs(
		tx,
		attachments.map((a) => a.sha256)
	);
	await attachPresent(tx, app.id, attachments, present);
	await recordChange(tx, kind, device.id, app.id, now);
}

function isUniqueViolation(error: unknown): boolean {
	const e = error as { code?: string; message?: string };
	return (
		e?.code === '23505' ||
		e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}
