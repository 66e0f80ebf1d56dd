import type { Tx } from '../db/transaction';

/**
 * Takes one place in a slot if it has room, in one statement: the slot's first booking inserts its
 * counter, later ones raise it only while it is below `capacity`. The row is locked by the upsert
 * (PostgreSQL) or the write transaction (SQLite), so concurrent writers can never together push
 * `booked` past `capacity`.
 */
export async function holdSlot(
	tx: Tx,
	slot: { pointId: string; matterId: string; start: string },
	capacity: number
): Promise<boolean> {
	if (capacity < 1) return false;
	const result = await tx
		.insertInto('slot_counts')
		.values({ point_id: slot.pointId, matter_id: slot.matterId, slot_start: slot.start, booked: 1 })
		.onConflict((oc) =>
			oc
				.columns(['point_id', 'matter_id', 'slot_start'])
				.doUpdateSet((eb) => ({ booked: eb('slot_counts.booked', '+', 1) }))
				.where('slot_counts.booked', '<', capacity)
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows) === 1;
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
