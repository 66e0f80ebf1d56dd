import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * A booked application written straight into the tables, from a device of its own: what a
 * resident's submit leaves behind, for tests of what happens to bookings afterwards.
 */
export async function insertBooking(
	db: Kysely<Database>,
	booking: {
		/** The booking's id; the application's, its device's and its op's are made from it. */
		id: string;
		reference: string;
		pointId: string;
		matterId: string;
		slotStart: string;
		phone: string;
		withdrawn?: boolean;
	}
): Promise<{ applicationId: string; deviceId: string }> {
	const now = new Date().toISOString();
	const applicationId = `app-${booking.id}`;
	const deviceId = `dev-${booking.id}`;
	await db
		.insertInto('devices')
		.values({ id: deviceId, token_hash: `hash-${booking.id}`, user_id: null, created_at: now })
		.execute();
	await db
		.insertInto('applications')
		.values({
			id: applicationId,
			reference: booking.reference,
			op_id: `op-${booking.id}`,
			device_id: deviceId,
			matter_id: booking.matterId,
			matter_ids: JSON.stringify([booking.matterId]),
			point_id: booking.pointId,
			applicant_name: '王五',
			applicant_id_number: '370682199001011234',
			applicant_phone: booking.phone,
			fields: '{}',
			answers: '{}',
			status: 'submitted',
			device_created_at: now,
			created_at: now,
			updated_at: now
		})
		.execute();
	await db
		.insertInto('bookings')
		.values({
			id: booking.id,
			application_id: applicationId,
			point_id: booking.pointId,
			matter_id: booking.matterId,
			applicant_id_number: '370682199001011234',
			slot_start: booking.slotStart,
			status: 'booked',
			withdrawn_at: booking.withdrawn ? now : null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return { applicationId, deviceId };
}
