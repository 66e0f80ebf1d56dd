import { pointInScope, type AdminScope } from '../admin/scope';
import { audit } from '../counter/audit';
import type { Connection } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';

/** A note such as the new time agreed: short, one line. */
export const CONTACT_NOTE_MAX = 100;

export type ContactResult =
	| { ok: true }
	| { ok: false; code: 'not_found' | 'note_too_long' }
	| { ok: false; code: 'already'; by: string; at: string };

/**
 * Records that someone at the centre reached the resident of a booking a publication left without
 * its slot: who, when, and an optional note. Once: a second mark is refused with the first's who
 * and when. A town's administrator marks only their town's bookings (not the city hall's).
 * Audited, against the booking's application.
 */
export async function markContacted(
	conn: Connection,
	scope: AdminScope,
	target: { version: number; bookingId: string; note: string },
	now = new Date()
): Promise<ContactResult> {
	const note = target.note.trim().replace(/\s+/g, ' ');
	if (note.length > CONTACT_NOTE_MAX) return { ok: false, code: 'note_too_long' };
	return writeTransaction(conn, async (tx) => {
		const row = await listedBooking(tx, scope, target);
		if (!row) return { ok: false as const, code: 'not_found' as const };
		const by = scope.user.displayName || scope.user.username;
		const marked = await tx
			.updateTable('catalog_affected_bookings')
			.set({
				contacted_at: now.toISOString(),
				contacted_by: scope.user.id,
				contacted_by_name: by,
				contact_note: note
			})
			.where('version', '=', target.version)
			.where('booking_id', '=', target.bookingId)
			.where('contacted_at', 'is', null)
			.executeTakeFirst();
		if (Number(marked.numUpdatedRows) !== 1) {
			// Marked already, perhaps a moment ago by someone else: say by whom.
			const first = await tx
				.selectFrom('catalog_affected_bookings')
				.select(['contacted_by_name', 'contacted_at'])
				.where('version', '=', target.version)
				.where('booking_id', '=', target.bookingId)
				.executeTakeFirstOrThrow();
			return {
				ok: false as const,
				code: 'already' as const,
				by: first.contacted_by_name ?? '',
				at: first.contacted_at ?? ''
			};
		}
		await audit(
			tx,
			scope.user,
			{
				action: 'catalog_booking_contacted',
				pointId: row.point_id,
				applicationId: row.application_id,
				after: { version: target.version, reference: row.reference, note },
				note: note ? `${row.reference}：${note}` : row.reference
			},
			now
		);
		return { ok: true as const };
	});
}

/**
 * The full phone number of a listed booking's resident, for the centre to call: only to an
 * administrator whose scope holds the booking's point, and logged as a view of its application.
 */
export async function revealPhone(
	conn: Connection,
	scope: AdminScope,
	target: { version: number; bookingId: string },
	now = new Date()
): Promise<string | null> {
	return writeTransaction(conn, async (tx) => {
		const row = await listedBooking(tx, scope, target);
		if (!row?.applicant_phone) return null;
		await audit(
			tx,
			scope.user,
			{
				action: 'view',
				pointId: row.point_id,
				applicationId: row.application_id,
				note: row.reference
			},
			now
		);
		return row.applicant_phone;
	});
}

/**
 * A booking of a version's list, with its application and the resident's phone, if the
 * administrator's scope holds its point (a town's administrator: not the city hall's); else none.
 */
async function listedBooking(
	tx: Tx,
	scope: AdminScope,
	target: { version: number; bookingId: string }
) {
	const row = await tx
		.selectFrom('catalog_affected_bookings as a')
		.leftJoin('points as p', 'p.id', 'a.point_id')
		.leftJoin('bookings as b', 'b.id', 'a.booking_id')
		.leftJoin('applications as app', 'app.id', 'b.application_id')
		.select(['a.reference', 'a.point_id', 'a.town_id', 'p.kind', 'b.application_id'])
		.select('app.applicant_phone')
		.where('a.version', '=', target.version)
		.where('a.booking_id', '=', target.bookingId)
		.executeTakeFirst();
	return row && pointInScope(scope, { townId: row.town_id, kind: row.kind ?? '' }) ? row : null;
}
