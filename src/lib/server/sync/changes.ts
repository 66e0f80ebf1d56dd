import { sql } from 'kysely';
import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';
import { insertChange } from './statements';

/**
 * Records that an application changed, for its device's next pull. On PostgreSQL the device's
 * changes are serialised by a lock taken before the sequence number, so they commit in sequence
 * order and a reader's cursor never passes one still to commit.
 */
export async function recordChange(
	tx: Tx,
	kind: DatabaseKind,
	deviceId: string,
	applicationId: string,
	now: Date
): Promise<void> {
	if (kind === 'postgres') {
		await sql`select pg_advisory_xact_lock(hashtext(${`device:${deviceId}`}))`.execute(tx);
	}
	await insertChange(tx, kind, {
		device_id: deviceId,
		application_id: applicationId,
		created_at: now.toISOString()
	});
}
