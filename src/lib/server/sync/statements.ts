import { sql, type Insertable, type QueryCreator } from 'kysely';
import { compiledOnce } from '../db/compiled';
import type { Tx } from '../db/transaction';
import type {
	ApplicationTable,
	BookingStatus,
	BookingTable,
	ChangeTable,
	Database
} from '../db/schema';

// The statements every submit runs, compiled once (see `compiledOnce`).

/**
 * A booking held, or an application waiting for a time: the person's one for the matter. The
 * statuses are written into the statement, not bound, and as the partial index
 * `bookings_person_active` names them, so that SQLite uses it: it plans a query that may use a
 * partial index afresh each time a value its choice depends on is bound, which cost four times
 * what the lookup itself does.
 */
const activeBooking = (db: Tx, p: { idNumber: string; matterId: string }) =>
	db
		.selectFrom('bookings')
		.select('id')
		.where('applicant_id_number', '=', p.idNumber)
		.where('matter_id', '=', p.matterId)
		.where('status', 'in', [
			sql.lit<BookingStatus>('booked'),
			sql.lit<BookingStatus>('needs_slot')
		]);

/** The person's active booking for the matter, if any. */
export const activeBookingOf = compiledOnce(activeBooking);

const APPLICATION_COLUMNS = [
	'id',
	'reference',
	'op_id',
	'device_id',
	'agent_user_id',
	'matter_id',
	'bundle_id',
	'matter_ids',
	'point_id',
	'applicant_name',
	'applicant_id_number',
	'applicant_phone',
	'fields',
	'answers',
	'status',
	'device_created_at',
	'created_at',
	'updated_at'
] as const;

/**
 * Inserts the application unless one with its id, its reference or its op exists, or its applicant
 * holds an active booking for its matter (then no row is affected): the check and the insert in
 * one statement, a round trip fewer on PostgreSQL.
 */
export const insertApplication = compiledOnce(
	(db, p: Required<Pick<Insertable<ApplicationTable>, (typeof APPLICATION_COLUMNS)[number]>>) =>
		db
			.insertInto('applications')
			.columns(APPLICATION_COLUMNS)
			.expression(
				db
					.selectNoFrom((eb) => APPLICATION_COLUMNS.map((c) => eb.val(p[c]).as(c)))
					.where((eb) =>
						eb.not(
							eb.exists(
								activeBooking(db, { idNumber: p.applicant_id_number, matterId: p.matter_id })
							)
						)
					)
			)
			.onConflict((oc) => oc.doNothing())
);

const BOOKING_COLUMNS = [
	'id',
	'application_id',
	'point_id',
	'matter_id',
	'applicant_id_number',
	'slot_start',
	'status',
	'created_at',
	'updated_at'
] as const;

export const insertBooking = compiledOnce((db, p: Insertable<BookingTable>) =>
	db
		.insertInto('bookings')
		.values(Object.fromEntries(BOOKING_COLUMNS.map((c) => [c, p[c]])) as typeof p)
);

export const insertChange = compiledOnce((db, p: Insertable<ChangeTable>) =>
	db
		.insertInto('changes')
		.values({ device_id: p.device_id, application_id: p.application_id, created_at: p.created_at })
);

/**
 * One place in a slot (SQLite): the first booking inserts its counter, later ones raise it below
 * capacity. Not for PostgreSQL, where the upsert locks a full slot's row even when it takes no place.
 */
export const takePlace = compiledOnce(
	(db, p: { pointId: string; matterId: string; start: string; capacity: number; one: 1 }) =>
		db
			.insertInto('slot_counts')
			.values({ point_id: p.pointId, matter_id: p.matterId, slot_start: p.start, booked: p.one })
			.onConflict((oc) =>
				oc
					.columns(['point_id', 'matter_id', 'slot_start'])
					.doUpdateSet((eb) => ({ booked: eb('slot_counts.booked', '+', p.one) }))
					.where('slot_counts.booked', '<', p.capacity)
			)
);

type PlaceParams = { pointId: string; matterId: string; start: string; capacity: number; one: 1 };

/** The update taking one place in a slot that has room; a full slot's row is not locked. */
const raise = (db: QueryCreator<Database>, p: PlaceParams) =>
	db
		.updateTable('slot_counts')
		.set((eb) => ({ booked: eb('booked', '+', p.one) }))
		.where('point_id', '=', p.pointId)
		.where('matter_id', '=', p.matterId)
		.where('slot_start', '=', p.start)
		.where('booked', '<', p.capacity);

/** One place in a slot that has room (PostgreSQL). */
export const raisePlace = compiledOnce((db, p: PlaceParams) => raise(db, p));

/**
 * One place in a slot that has room, or the slot's first place when it has no counter yet, in one
 * statement (PostgreSQL): `taken` is 0 when the slot is full, or when another booking created its
 * counter meanwhile (then `raisePlace` may still find room).
 */
export const raiseOrFirstPlace = compiledOnce((db, p: PlaceParams) =>
	db
		.with('raised', (w) => raise(w, p).returning('booked'))
		.with('first', (w) =>
			w
				.insertInto('slot_counts')
				.columns(['point_id', 'matter_id', 'slot_start', 'booked'])
				.expression(
					w
						.selectNoFrom([
							sql<string>`cast(${p.pointId} as text)`.as('point_id'),
							sql<string>`cast(${p.matterId} as text)`.as('matter_id'),
							sql<string>`cast(${p.start} as text)`.as('slot_start'),
							sql<number>`cast(${p.one} as integer)`.as('booked')
						])
						.where(({ not, exists, selectFrom }) =>
							not(exists(selectFrom('raised').select('raised.booked')))
						)
				)
				.onConflict((oc) => oc.columns(['point_id', 'matter_id', 'slot_start']).doNothing())
				.returning('booked')
		)
		.selectNoFrom(
			sql<number>`(select count(*) from raised) + (select count(*) from first)`.as('taken')
		)
);
