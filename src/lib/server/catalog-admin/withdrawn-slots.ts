import type { NationalCalendar } from '$lib/catalog/types';
import { kindOf } from '../db/compiled';
import type { Tx } from '../db/transaction';
import { recordChange } from '../sync/changes';
import { offers, type AffectedBooking } from './affected-bookings';
import type { CatalogDocument } from './document';

/**
 * Marks the bookings whose time a publication stops offering, and unmarks those it offers again,
 * and tells their phones: the receipt says the time is no longer served (the centre still calls).
 */
export async function markWithdrawnSlots(
	tx: Tx,
	affected: AffectedBooking[],
	after: CatalogDocument,
	calendar: NationalCalendar,
	now: Date
): Promise<void> {
	const offered = offers(after, calendar, now);
	const marked = await bookingsWith(tx, 'withdrawn');
	const back = marked
		.filter((b) => b.slot_start && offered(b.point_id, b.matter_id, b.slot_start))
		.map((b) => b.id);
	const gone = affected.map((a) => a.bookingId);
	if (back.length)
		await tx.updateTable('bookings').set({ withdrawn_at: null }).where('id', 'in', back).execute();
	if (gone.length)
		await tx
			.updateTable('bookings')
			.set({ withdrawn_at: now.toISOString() })
			.where('id', 'in', gone)
			.execute();
	const told = new Set([...back, ...gone]);
	const phones = [...marked, ...(gone.length ? await bookingsWith(tx, gone) : [])];
	for (const b of phones) {
		if (!told.delete(b.id)) continue;
		await recordChange(tx, kindOf(tx), b.device_id, b.application_id, now);
	}
}

/** Bookings still held, those marked withdrawn or those named, with their application's device. */
function bookingsWith(tx: Tx, which: 'withdrawn' | string[]) {
	const query = tx
		.selectFrom('bookings as b')
		.innerJoin('applications as a', 'a.id', 'b.application_id')
		.select([
			'b.id',
			'b.point_id',
			'b.matter_id',
			'b.slot_start',
			'a.id as application_id',
			'a.device_id'
		])
		.where('b.status', '=', 'booked');
	return (
		which === 'withdrawn'
			? query.where('b.withdrawn_at', 'is not', null)
			: query.where('b.id', 'in', which)
	).execute();
}
