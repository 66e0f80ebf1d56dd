import type { Tx } from '../db/transaction';

/**
 * Takes one place in a slot if it has room, in one conditional update: concurrent writers can
 * never together push `booked` past `capacity`.
 */
export async function holdSlot(
	tx: Tx,
	slot: { pointId: string; matterId: string; start: string },
	capacity: number
): Promise<boolean> {
	await tx
		.insertInto('slot_counts')
		.values({ point_id: slot.pointId, matter_id: slot.matterId, slot_start: slot.start, booked: 0 })
		.onConflict((oc) => oc.columns(['point_id', 'matter_id', 'slot_start']).doNothing())
		.execute();
	const result = await tx
		.updateTable('slot_counts')
		.set((eb) => ({ booked: eb('booked', '+', 1) }))
		.where('point_id', '=', slot.pointId)
		.where('matter_id', '=', slot.matterId)
		.where('slot_start', '=', slot.start)
		.where('booked', '<', capacity)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
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
