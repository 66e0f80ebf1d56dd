import type { Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { maskIdNumber, maskPhone } from '$lib/schemas/id-number';
import { idNumberAsHeld } from '$lib/schemas/application';
import { typedReference } from '$lib/reference';
import { serviceClock, serviceDayBounds } from '$lib/time';
import type { SignedInUser } from '../auth/sessions';
import { COUNTER_STEPS } from '../applications/status';
import { parseLogState } from '../audit/describe';
import { containing } from '../db/like';
import type { Database, TicketStatus } from '../db/schema';

export interface ListedApplication {
	id: string;
	reference: string;
	name: string;
	/** Masked: lists never show a whole ID number or phone. */
	idNumber: string;
	phone: string;
	matterId: string;
	pointId: string;
	status: string;
	slotStart: string | null;
	bookingStatus: string | null;
	checkedInAt: string | null;
	ticket: string | null;
	/** What became of the ticket, and the counter it was called to. */
	ticketStatus: TicketStatus | null;
	ticketCounter: number | null;
}

/**
 * Each application with the booking it holds; a finished or refused one, with the booking it was
 * served or refused on (its last), so that it keeps its time and its place in the day's list.
 */
function listQuery(db: Kysely<Database>) {
	return db
		.selectFrom('applications as a')
		.leftJoin('bookings as b', (j) =>
			j
				.onRef('b.application_id', '=', 'a.id')
				.on((eb) =>
					eb.or([
						eb('b.status', 'in', ['booked', 'needs_slot']),
						eb('a.status', 'in', ['completed', 'refused']).and(
							'b.id',
							'=',
							eb
								.selectFrom('bookings as last')
								.select('last.id')
								.whereRef('last.application_id', '=', 'a.id')
								.orderBy('last.created_at', 'desc')
								.limit(1)
						)
					])
				)
		)
		.leftJoin('tickets as t', 't.application_id', 'a.id')
		.select([
			'a.id',
			'a.reference',
			'a.applicant_name',
			'a.applicant_id_number',
			'a.applicant_phone',
			'a.matter_id',
			'a.point_id',
			'a.status',
			'a.checked_in_at',
			'b.slot_start',
			'b.status as booking_status',
			't.code as ticket',
			't.status as ticket_status',
			't.counter as ticket_counter'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

function listed(r: Row): ListedApplication {
	return {
		id: r.id,
		reference: r.reference,
		name: r.applicant_name,
		idNumber: maskIdNumber(r.applicant_id_number),
		phone: maskPhone(r.applicant_phone),
		matterId: r.matter_id,
		pointId: r.point_id,
		status: r.status,
		slotStart: r.slot_start ?? null,
		bookingStatus: r.booking_status ?? null,
		checkedInAt: r.checked_in_at,
		ticket: r.ticket ?? null,
		ticketStatus: r.ticket_status ?? null,
		ticketCounter: r.ticket_counter ?? null
	};
}

/** The centre's day: its bookings for today by slot, and whoever checked in today without one. */
export async function todaysList(
	db: Kysely<Database>,
	pointId: string,
	now = new Date()
): Promise<ListedApplication[]> {
	const day = serviceClock(now).date;
	// Slot times are Beijing time; check-in times are UTC instants.
	const { from, to } = serviceDayBounds(day);
	const rows = await listQuery(db)
		.where('a.point_id', '=', pointId)
		.where((eb) =>
			eb.or([
				eb('b.slot_start', 'like', `${day}T%`),
				eb('a.checked_in_at', '>=', from).and('a.checked_in_at', '<', to)
			])
		)
		.orderBy('b.slot_start')
		.orderBy('a.created_at')
		.limit(500)
		.execute();
	return rows.map(listed);
}

/**
 * The centre's applications whose resident has sent the materials asked for, waiting for the
 * counter again (their latest step is `add_materials`), oldest first.
 */
export async function materialsReceived(
	db: Kysely<Database>,
	pointId: string
): Promise<ListedApplication[]> {
	const rows = await listQuery(db)
		.where('a.point_id', '=', pointId)
		.where('a.status', 'in', ['submitted', 'accepted'])
		.where(({ selectFrom, eb }) =>
			eb(
				selectFrom('application_events as e')
					.select('e.step')
					.whereRef('e.application_id', '=', 'a.id')
					.orderBy('e.seq', 'desc')
					.limit(1),
				'=',
				'add_materials'
			)
		)
		.orderBy('a.updated_at')
		.limit(200)
		.execute();
	return rows.map(listed);
}

/**
 * The centre's applications (an admin's: everyone's) that a clerk's query names: a reference in
 * any case and width, with or without its `LY-`; a whole ID number; a whole phone number or its
 * last four digits (spaces and dashes ignored); or part of the applicant's name. Lists show ID
 * numbers and phones masked, whichever matched.
 */
export async function searchApplications(
	db: Kysely<Database>,
	user: SignedInUser,
	query: string
): Promise<ListedApplication[]> {
	const q = query.trim().slice(0, 50);
	if (!q) return [];
	// A reference, an ID number and a phone as typed: full-width, in groups, pasted from a chat.
	const reference = typedReference(q);
	// An ID number or a phone as applications hold them.
	const number = idNumberAsHeld(q);
	let select = listQuery(db);
	if (user.role !== 'admin') select = select.where('a.point_id', '=', user.pointId ?? '');
	const rows = await select
		.where((eb) => {
			const ors = [eb('a.applicant_name', 'like', containing(q))];
			if (reference) ors.push(eb('a.reference', '=', reference));
			if (/^\d{17}[\dX]$/.test(number)) ors.push(eb('a.applicant_id_number', '=', number));
			if (/^1\d{10}$/.test(number)) ors.push(eb('a.applicant_phone', '=', number));
			if (/^\d{4}$/.test(number)) ors.push(eb('a.applicant_phone', 'like', `%${number}`));
			return eb.or(ors);
		})
		.orderBy('a.created_at', 'desc')
		.limit(50)
		.execute();
	return rows.map(listed);
}

/** Everything about one application, for the counter that serves it. */
export async function applicationRecord(db: Kysely<Database>, id: string) {
	const app = await db
		.selectFrom('applications as a')
		.leftJoin('users as agent', (j) =>
			j.onRef('agent.id', '=', 'a.agent_user_id').on('agent.role', '=', 'agent')
		)
		.leftJoin('ops as o', 'o.op_id', 'a.op_id')
		.selectAll('a')
		.select(['agent.display_name as agent_name', 'o.taken_in'])
		.where('a.id', '=', id)
		.executeTakeFirst();
	if (!app) return null;
	const [booking, attachments, awaited, ticket, history, timeline] = await Promise.all([
		// The booking it holds; else (completed, or its day missed) the last one it was released
		// from, not the one a move left behind.
		db
			.selectFrom('bookings')
			.select(['slot_start', 'status'])
			.where('application_id', '=', id)
			.orderBy((eb) => eb.case().when('status', '=', 'released').then(1).else(0).end())
			.orderBy('updated_at', 'desc')
			.orderBy('created_at', 'desc')
			.executeTakeFirst(),
		db
			.selectFrom('attachments')
			.innerJoin('blobs', 'blobs.sha256', 'attachments.sha256')
			.select(['attachments.sha256', 'attachments.material_id', 'blobs.size'])
			.where('application_id', '=', id)
			.execute(),
		db
			.selectFrom('pending_attachments')
			.select(['sha256', 'material_id', 'size'])
			.where('application_id', '=', id)
			.execute(),
		db
			.selectFrom('tickets')
			.select(['code', 'status', 'counter'])
			.where('application_id', '=', id)
			.executeTakeFirst(),
		db
			.selectFrom('audit_log as l')
			.leftJoin('users as u', 'u.id', 'l.user_id')
			.select(['l.at', 'l.username', 'u.display_name', 'l.action', 'l.note', 'l.after'])
			.where('l.application_id', '=', id)
			.where('l.action', '!=', 'view')
			.orderBy('l.at')
			.execute(),
		db
			.selectFrom('application_events')
			.select(['seq', 'step', 'at', 'note'])
			.where('application_id', '=', id)
			.orderBy('seq')
			.execute()
	]);
	const logged = history.map((h) => ({
		at: h.at,
		by: h.display_name ?? h.username,
		action: h.action,
		note: h.note,
		/** The materials the resident was asked for at this step. */
		asked: materialsIn(h.after, 'requestedMaterials'),
		/** The materials the clerk marked received at this step. */
		received: materialsIn(h.after, 'receivedMaterials'),
		/** The materials accepted as missing at this step, the resident to bring them later. */
		toFollow: materialsIn(h.after, 'materialsToFollow')
	}));
	/** The clerk's marks at the last step: the checklist shows them when the record opens again. */
	const lastStep = logged.findLast((h) => (COUNTER_STEPS as readonly string[]).includes(h.action));
	const takeIn = logged.find((h) => h.action === 'take_in');
	return {
		id: app.id,
		reference: app.reference,
		pointId: app.point_id,
		matterId: app.matter_id,
		matterIds: JSON.parse(app.matter_ids) as string[],
		status: app.status,
		note: app.status_note,
		requestedMaterials: JSON.parse(app.requested_materials) as string[],
		receivedMaterials: lastStep?.received ?? [],
		/** Accepted without them (容缺受理): marked missing again until the counter has them. */
		materialsToFollow: lastStep?.toFollow ?? [],
		applicant: {
			name: app.applicant_name,
			idNumber: app.applicant_id_number,
			phone: app.applicant_phone
		},
		fields: JSON.parse(app.fields) as Record<string, unknown>,
		answers: JSON.parse(app.answers) as Record<string, string>,
		submittedBy: {
			/** The agent who filed it for the resident, if one did. */
			agent: app.agent_name ?? null,
			/** Taken in at a counter from the receipt's code, before the phone had sent it. */
			takenIn: takeIn ? { at: takeIn.at, by: takeIn.by } : null,
			/** False while only the counter's take-in has it: the phone has not synced it yet. */
			synced: !app.taken_in
		},
		checkedInAt: app.checked_in_at,
		createdAt: app.created_at,
		booking: booking ? { slotStart: booking.slot_start, status: booking.status } : null,
		attachments: attachments.map((a) => ({
			sha256: a.sha256,
			materialId: a.material_id,
			size: a.size
		})),
		/** Photos the application names that the phone has not uploaded yet. */
		awaitedPhotos: awaited.map((a) => ({
			sha256: a.sha256,
			materialId: a.material_id,
			size: a.size
		})),
		ticket: ticket ?? null,
		/** Each step of the application, oldest first, as the resident's timeline shows it. */
		timeline: timeline.map(({ step, at, note }) => ({ step, at, note })),
		/** Its last step: a step sent from this record is made only if none came after it. */
		seen: timeline.at(-1)?.seq ?? 0,
		/** The counter's logged changes, with who made them. */
		history: logged
	};
}
export type ApplicationRecord = NonNullable<Awaited<ReturnType<typeof applicationRecord>>>;

/** The category of a matter, for its ticket's prefix. */
export function categoryOf(catalog: CatalogSnapshot, matterId: string) {
	const matter = catalog.matters.find((m) => m.id === matterId);
	return catalog.categories.find((c) => c.id === matter?.categoryId) ?? catalog.categories[0]!;
}

/** Whom a check-in was for, and the time booked: what the clerk confirms with the person. */
export async function checkedInSummary(db: Kysely<Database>, id: string) {
	const app = await db
		.selectFrom('applications')
		.select(['applicant_name', 'matter_id'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!app) return null;
	const booking = await db
		.selectFrom('bookings')
		.select('slot_start')
		.where('application_id', '=', id)
		.where('status', '=', 'booked')
		.executeTakeFirst();
	return {
		name: app.applicant_name,
		matterId: app.matter_id,
		slotStart: booking?.slot_start ?? null
	};
}

/** The materials an audit entry's `after` lists under `key`. */
function materialsIn(
	after: string,
	key: 'requestedMaterials' | 'receivedMaterials' | 'materialsToFollow'
): string[] {
	const listed = parseLogState(after)?.[key];
	return Array.isArray(listed) ? listed.filter((x) => typeof x === 'string') : [];
}
