import { sql } from 'kysely';
import { serviceClock } from '$lib/time';
import type { Connection } from '../db/connect';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../sync/changes';
import { addFigures } from './record';

/**
 * Counts the bookings whose day has passed with nobody checked in (still as submitted) as missed,
 * each once, in the figures of its slot's day, closes them and tells their phones: run by every
 * server's housekeeping (and by the figures before they are read), cheap as it looks only at
 * applications not checked in.
 */
export async function sweepMissedBookings(conn: Connection, now = new Date()): Promise<number> {
	const today = serviceClock(now).date;
	return writeTransaction(conn, async (tx) => {
		const missed = await tx
			.selectFrom('applications as a')
			.innerJoin('bookings as b', 'b.application_id', 'a.id')
			.select([
				'b.id',
				'b.slot_start',
				'a.id as application_id',
				'a.device_id',
				'a.point_id',
				'a.matter_id'
			])
			// Literal, as the partial index's predicate is: SQLite uses it only so.
			.where(sql<boolean>`a.status = 'submitted' and a.checked_in_at is null`)
			.where('b.status', '=', 'booked')
			.where('b.missed_at', 'is', null)
			.where('b.slot_start', '<', today)
			.execute();
		for (const b of missed) {
			// Conditional: two servers sweeping at once count a booking once. Closed too: a missed
			// booking no longer holds its person's one booking for the matter (the application may
			// take a new time, or they may apply again); its place, in a day gone, is not given back.
			const marked = await tx
				.updateTable('bookings')
				.set({ missed_at: now.toISOString(), status: 'released', updated_at: now.toISOString() })
				.where('id', '=', b.id)
				.where('missed_at', 'is', null)
				.executeTakeFirst();
			if (Number(marked.numUpdatedRows) !== 1) continue;
			await addFigures(
				tx,
				{ day: b.slot_start!.slice(0, 10), pointId: b.point_id, matterId: b.matter_id },
				{ missed: 1 }
			);
			// The phone learns that the visit was missed, and that it may choose a new time.
			await recordChange(tx, conn.kind, b.device_id, b.application_id, now);
		}
		return missed.length;
	});
}
