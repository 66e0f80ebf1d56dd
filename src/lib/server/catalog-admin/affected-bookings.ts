import type { Kysely } from 'kysely';
import { isBookableSlot } from '$lib/catalog/slots';
import type { NationalCalendar } from '$lib/catalog/types';
import { maskPhone } from '$lib/schemas/id-number';
import { serviceClock } from '$lib/time';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { CatalogDocument, DocPoint } from './document';

export interface AffectedBooking {
	bookingId: string;
	reference: string;
	pointId: string;
	townId: string;
	matterId: string;
	slotStart: string;
	phoneMasked: string;
}

/**
 * Bookings still to come whose slot the old catalogue offered and the new one does not (the point
 * stops handling the matter or is gone, its hours shrink, a closure is added, the slot length
 * changes; or, with `calendarAfter`, the calendar closes the day): the centre must contact these
 * residents.
 */
export async function affectedBookings(
	db: Kysely<Database> | Tx,
	before: CatalogDocument,
	after: CatalogDocument,
	calendar: NationalCalendar,
	now = new Date(),
	calendarAfter = calendar
): Promise<AffectedBooking[]> {
	const rows = await db
		.selectFrom('bookings as b')
		.innerJoin('applications as a', 'a.id', 'b.application_id')
		.select([
			'b.id',
			'b.point_id',
			'b.matter_id',
			'b.slot_start',
			'a.reference',
			'a.applicant_phone'
		])
		.where('b.status', '=', 'booked')
		.where('b.slot_start', '>=', serviceClock(now).date)
		.orderBy('b.slot_start')
		.execute();
	const was = offers(before, calendar, now);
	const is = offers(after, calendarAfter, now);
	const townOf = new Map([...before.points, ...after.points].map((p) => [p.id, p.town]));
	const out: AffectedBooking[] = [];
	for (const r of rows) {
		const start = r.slot_start;
		if (!start || Date.parse(start) < now.getTime()) continue;
		if (!was(r.point_id, r.matter_id, start) || is(r.point_id, r.matter_id, start)) continue;
		out.push({
			bookingId: r.id,
			reference: r.reference,
			pointId: r.point_id,
			townId: townOf.get(r.point_id) ?? '',
			matterId: r.matter_id,
			slotStart: start,
			phoneMasked: maskPhone(r.applicant_phone)
		});
	}
	return out;
}

/** Lists affected bookings under the catalogue version that affected them, for the centre to call. */
export async function listAffectedBookings(
	tx: Tx,
	version: number,
	affected: AffectedBooking[]
): Promise<void> {
	if (!affected.length) return;
	await tx
		.insertInto('catalog_affected_bookings')
		.values(
			affected.map((a) => ({
				version,
				booking_id: a.bookingId,
				reference: a.reference,
				point_id: a.pointId,
				town_id: a.townId,
				matter_id: a.matterId,
				slot_start: a.slotStart,
				phone_masked: a.phoneMasked
			}))
		)
		// Listed already under this version (a day closed, opened and closed again): once.
		.onConflict((oc) => oc.columns(['version', 'booking_id']).doNothing())
		.execute();
}

/** Whether a document's point offers a slot for a matter, whatever the booking window says. */
export function offers(doc: CatalogDocument, calendar: NationalCalendar, now: Date) {
	const points = new Map(doc.points.map((p) => [p.id, p]));
	return (pointId: string, matterId: string, start: string): boolean => {
		const point = points.get(pointId);
		const service = point?.services.find((s) => s.matter === matterId);
		if (!point || !service) return false;
		return isBookableSlot(
			schedule(point),
			{ ...service, matterId, minHoursAhead: 0, maxDaysAhead: 100_000 },
			calendar,
			start,
			now
		);
	};
}

function schedule(point: DocPoint) {
	return {
		hours: point.hours,
		closures: point.closures.map((c) => ({ date: c.date, reason: { zh: c.zh, en: c.en } }))
	};
}
