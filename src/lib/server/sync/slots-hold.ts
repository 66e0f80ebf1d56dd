import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';
import { raiseOrFirstPlace, raisePlace, takePlace } from './statements';

/**
 * Takes one place in a slot if it has room. On SQLite, in one statement: the slot's first booking
 * inserts its counter, later ones raise it only while it is below `capacity`, and the write
 * transaction holds the whole database. On PostgreSQL, a conditional update that locks the row
 * only when it takes a place (a full slot is passed over without a lock, so devices ranking full
 * slots in different orders cannot deadlock), else the slot's first counter, in the same statement. Concurrent writers
 * can never together push `booked` past `capacity`.
 */
export async function holdSlot(
	tx: Tx,
	kind: DatabaseKind,
	slot: { pointId: string; matterId: string; start: string },
	capacity: number
): Promise<boolean> {
	if (capacity < 1) return false;
	const params = { ...slot, capacity, one: 1 as const };
	if (kind === 'sqlite') return Number((await takePlace(tx, kind, params)).numAffectedRows) === 1;
	const { rows } = await raiseOrFirstPlace(tx, kind, params);
	if (Number(rows[0]?.taken) === 1) return true;
	// Full, or another booking created the counter meanwhile: take a place if there is still room.
	return Number((await raisePlace(tx, kind, params)).numAffectedRows) === 1;
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

/** A booking as `openBookingOf` finds it. */
export interface OpenBooking {
	id: string;
	point_id: string;
	matter_id: string;
	slot_start: string | null;
	status: string;
}

/** The application's open booking (holding a place, or waiting for one), if any. */
export async function openBookingOf(
	tx: Tx,
	applicationId: string
): Promise<OpenBooking | undefined> {
	return tx
		.selectFrom('bookings')
		.select(['id', 'point_id', 'matter_id', 'slot_start', 'status'])
		.where('application_id', '=', applicationId)
		.where('status', 'in', ['booked', 'needs_slot'])
		.executeTakeFirst();
}

/**
 * Closes a booking, so that it no longer counts as its person's one booking for the matter. The
 * place it holds goes back to its slot while the slot is still ahead (one whose time has come was
 * used, or missed).
 */
export async function endBooking(
	tx: Tx,
	booking: OpenBooking,
	status: 'cancelled' | 'released',
	at: Date
): Promise<void> {
	const start = booking.slot_start;
	if (booking.status === 'booked' && start && Date.parse(start) > at.getTime()) {
		await releaseSlot(tx, { pointId: booking.point_id, matterId: booking.matter_id, start });
	}
	await tx
		.updateTable('bookings')
		.set({ status, updated_at: at.toISOString() })
		.where('id', '=', booking.id)
		.execute();
}
