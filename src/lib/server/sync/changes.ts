import { sql, type CompiledQuery } from 'kysely';
import type { DatabaseKind } from '../db/connect';
import { compiledOnce } from '../db/compiled';
import { runCompiled } from '../db/run-compiled';
import type { Tx } from '../db/transaction';
import { insertChange } from './statements';

/**
 * On PostgreSQL a device's changes are serialised by a lock taken before the sequence number, so
 * they commit in sequence order and a reader's cursor never passes one still to commit. The lock
 * is taken in the insert itself (its row is made after the lock's subquery has run).
 */
const insertLockedChange = compiledOnce(
	(db, p: { device_id: string; application_id: string; created_at: string; lock: string }) =>
		db
			.insertInto('changes')
			.columns(['device_id', 'application_id', 'created_at'])
			.expression((eb) =>
				eb
					.selectFrom(
						sql<{ held: unknown }>`(select pg_advisory_xact_lock(hashtext(${p.lock})))`.as('l')
					)
					.select([
						eb.val(p.device_id).as('device_id'),
						eb.val(p.application_id).as('application_id'),
						eb.val(p.created_at).as('created_at')
					])
			)
);

/** The record that an application changed, for its device's next pull (see `writeTogether`). */
export function changeWrite(
	tx: Tx,
	kind: DatabaseKind,
	deviceId: string,
	applicationId: string,
	now: Date
): CompiledQuery {
	const row = { device_id: deviceId, application_id: applicationId, created_at: now.toISOString() };
	return kind === 'postgres'
		? insertLockedChange.query(tx, kind, { ...row, lock: `device:${deviceId}` })
		: insertChange.query(tx, kind, row);
}

/** Records that an application changed, for its device's next pull. */
export async function recordChange(
	tx: Tx,
	kind: DatabaseKind,
	deviceId: string,
	applicationId: string,
	now: Date
): Promise<void> {
	await runCompiled(tx, changeWrite(tx, kind, deviceId, applicationId, now));
}
