import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';
import { takePlace } from './statements';

/**
 * Takes one place in a slot if it has room, in one statement: the slot's first booking inserts its
 * counter, later ones raise it only while it is below `capacity`. The row is locked by the upsert
 * (PostgreSQL) or the write transaction (SQLite), so concurrent writers can never together push
 * `booked` past `capacity`.
 */
export async function holdSlot(
	tx: Tx,
	kind: DatabaseKind,
	slot: { pointId: string; matterId: string; start: string },
	capacity: number
): Promise<boolean> {
	if (capacity < 1) return false;
	const result = await takePlace(tx, kind, { ...slot, capacity, one: 1 });
	return Number(result.numAffectedRows) === 1;
}

export async function releaseSlot(
	tx: Tx,
	slot: { pointId: string; matterId: string; start: string }
): Promise<void> {
	await tx
		.updateTable('slot_counts')
		.set((eb) => ({ booked: eb('booked', '-', 1) }))
		.where('point_id', '=', slot.pointId)
		.where('matter_id', '=', slot.matterId)
		.where('slot_start', '=', slot.start)
		.where('booked', '>', 0)
		.execute();
}
