import { addDays, weekdayOf } from '$lib/catalog/dates';
import type { CatalogSnapshot, Point } from '$lib/catalog/types';
import { serviceClock, toMinutes } from '$lib/time';
import type { Connection } from '../db/connect';
import { ClerkRatingSums } from '../figures/clerk-ratings';
import { FOLLOW_UP_WORKING_DAYS, followUpDeadline } from '../figures/follow-up-deadline';
import { FigureSums } from '../figures/rebuild';
import {
	completedDelta,
	dayOf,
	firstCallDelta,
	ratedDelta,
	submittedDelta
} from '../figures/record';
import {
	isWorkingDay,
	workCalendar,
	workingDayAfter,
	type WorkCalendar
} from '../figures/working-days';
import { bulkInsert, type ColumnType } from './bulk-insert';
import { historyClerks } from './history-clerks';
import { GIVEN, picker, prng, SURNAMES } from './seeded-random';

/** Generated history is told apart from real records by this prefix of its ids. */
export const HISTORY_PREFIX = 'h-';
const DEVICE = `${HISTORY_PREFIX}device`;
const CHUNK = 25_000;
const WEEKDAY_WEIGHT = [0, 1.3, 1.1, 1, 1, 0.9, 0.35, 0.1];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(n: number): string {
	const first17 = `3706${String(n).padStart(13, '0')}`;
	const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
	return first17 + '10X98765432'[sum % 11];
}

/** Beijing wall time to an ISO instant. */
const instant = (day: string, minutes: number) =>
	new Date(Date.parse(`${day}T00:00:00+08:00`) + Math.round(minutes * 60_000)).toISOString();

const APPLICATION_COLUMNS: Record<string, ColumnType> = {
	id: 'text',
	reference: 'text',
	op_id: 'text',
	device_id: 'text',
	agent_user_id: 'text',
	matter_id: 'text',
	matter_ids: 'text',
	point_id: 'text',
	applicant_name: 'text',
	applicant_id_number: 'text',
	applicant_phone: 'text',
	fields: 'text',
	answers: 'text',
	status: 'text',
	rating: 'int',
	rating_comment: 'text',
	device_created_at: 'text',
	checked_in_at: 'text',
	created_at: 'text',
	updated_at: 'text'
};
const BOOKING_COLUMNS: Record<string, ColumnType> = {
	id: 'text',
	application_id: 'text',
	point_id: 'text',
	matter_id: 'text',
	applicant_id_number: 'text',
	slot_start: 'text',
	status: 'text',
	missed_at: 'text',
	created_at: 'text',
	updated_at: 'text'
};
const EVENT_COLUMNS: Record<string, ColumnType> = {
	application_id: 'text',
	step: 'text',
	at: 'text'
};
const TICKET_COLUMNS: Record<string, ColumnType> = {
	id: 'text',
	point_id: 'text',
	day: 'text',
	number: 'int',
	code: 'text',
	category_id: 'text',
	application_id: 'text',
	status: 'text',
	counter: 'int',
	called_at: 'text',
	first_called_at: 'text',
	created_at: 'text',
	updated_at: 'text'
};
const FOLLOW_UP_COLUMNS: Record<string, ColumnType> = {
	application_id: 'text',
	point_id: 'text',
	matter_id: 'text',
	stars: 'int',
	comment: 'text',
	rated_at: 'text',
	deadline: 'text',
	closed: 'int',
	closed_on: 'text',
	action: 'text',
	followed_by_name: 'text',
	followed_at: 'text'
};
const AUDIT_COLUMNS: Record<string, ColumnType> = {
	id: 'text',
	at: 'text',
	user_id: 'text',
	username: 'text',
	point_id: 'text',
	action: 'text',
	application_id: 'text',
	before: 'text',
	after: 'text'
};
export interface HistoryResult {
	applications: number;
	rows: number;
	seconds: number;
}

/**
 * A year of plausible history up to `now`: applications booked ahead or made at the counter,
 * arrivals, waits, outcomes, completion times and ratings across every town and point, more at
 * town centres and on weekday mornings, some no-shows and poor ratings; with walk-in tickets,
 * and the daily figures they make. Replaces earlier generated history; refuses a database with
 * real applications.
 */
export async function seedHistory(
	conn: Connection,
	catalog: CatalogSnapshot,
	count: number,
	options: { now?: Date; seed?: number; log?: (line: string) => void } = {}
): Promise<HistoryResult> {
	const started = Date.now();
	const now = options.now ?? new Date();
	const random = prng(options.seed ?? 20260101);
	const log = options.log ?? (() => {});
	const { db } = conn;
	const real = await db
		.selectFrom('applications')
		.select('id')
		.where('id', 'not like', `${HISTORY_PREFIX}%`)
		.limit(1)
		.executeTakeFirst();
	if (real) throw new Error('the database has real applications: history is for an empty one');
	for (const t of [
		'rating_follow_ups',
		'clerk_ratings',
		'daily_figures',
		'weekly_figures',
		'monthly_figures',
		'figure_deltas',
		'tickets'
	] as const) {
		await db.deleteFrom(t).execute();
	}
	await db
		.deleteFrom('application_events')
		.where('application_id', 'like', `${HISTORY_PREFIX}%`)
		.execute();
	await db.deleteFrom('bookings').where('application_id', 'like', `${HISTORY_PREFIX}%`).execute();
	await db.deleteFrom('audit_log').where('application_id', 'like', `${HISTORY_PREFIX}%`).execute();
	await db.deleteFrom('applications').where('id', 'like', `${HISTORY_PREFIX}%`).execute();
	await db
		.insertInto('devices')
		.values({
			id: DEVICE,
			token_hash: `${HISTORY_PREFIX}token`,
			user_id: null,
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();

	// Proxy points' applications are mostly filed by an agent (代办员) for the resident.
	const agents = (
		await db.selectFrom('users').select('id').where('role', '=', 'agent').execute()
	).map((u) => u.id);

	const today = serviceClock(now).date;
	const first = addDays(today, -364);
	const calendar: WorkCalendar = await workCalendar(db, first, addDays(today, 60));
	const matters = new Map(catalog.matters.map((x) => [x.id, x]));
	const prefixes = new Map(catalog.categories.map((c) => [c.id, c.ticketPrefix]));
	const towns = new Map(catalog.towns.map((t) => [t.id, t]));
	const spans = (p: Point, day: string): [number, number][] => {
		if (p.closures.some((c) => c.date === day)) return [];
		if (!isWorkingDay(day, calendar) && weekdayOf(day) <= 5) return [];
		const hours = p.hours[String(weekdayOf(day)) as '1'] ?? [];
		return hours.map(([a, b]) => [toMinutes(a), toMinutes(b)]);
	};
	const points = catalog.points.filter((p) => p.services.length);
	const pointWeight = (p: Point) =>
		p.kind === 'city'
			? 150
			: (p.kind === 'centre' ? 40 : p.kind === 'village' ? 2 : 1.2) *
				(towns.get(p.townId)?.kind === 'subdistrict' ? 1.5 : 1);
	const days: string[] = [];
	// Up to yesterday: every booked slot has passed, so none holds a place a resident could want.
	for (let d = first; d < today; d = addDays(d, 1)) days.push(d);
	const dayWeight = (d: string) =>
		(isWorkingDay(d, calendar) ? WEEKDAY_WEIGHT[weekdayOf(d)]! : 0.03) *
		(1 + 0.15 * Math.sin((Date.parse(d) / 86_400_000 / 365) * 2 * Math.PI));
	const pickDay = picker(days, dayWeight, random);
	const pickPoint = picker(points, pointWeight, random);
	const centres = points.filter((p) => p.kind === 'centre' || p.kind === 'city');
	const pickCentre = picker(centres, pointWeight, random);
	const between = (a: number, b: number) => a + random() * (b - a);
	/** A wait in minutes: mostly short, some long; longer at centres and on Monday mornings. */
	const waitMinutes = (p: Point, day: string, minute: number) => {
		const base = p.kind === 'city' ? 15 : p.kind === 'centre' ? 12 : 4;
		const busy = (weekdayOf(day) === 1 ? 1.5 : 1) * (minute < 11 * 60 ? 1.3 : 1);
		return -Math.log(1 - random() * 0.999) * base * busy;
	};
	const clerksOf = await historyClerks(db, points, random, now, HISTORY_PREFIX);
	const ticketNumbers = new Map<string, number>();
	const nextNumber = (pointId: string, day: string, letter = '') => {
		const k = `${pointId}|${day}|${letter}`;
		const n = (ticketNumbers.get(k) ?? 0) + 1;
		ticketNumbers.set(k, n);
		return n;
	};
	/** The issue number, and the code numbered per letter, as the counter issues them. */
	const ticketCode = (pointId: string, day: string, letter: string) => ({
		number: nextNumber(pointId, day),
		code: `${letter}${String(nextNumber(pointId, day, letter)).padStart(3, '0')}`
	});
	const nowIso = now.toISOString();
	const sums = new FigureSums();
	const clerkSums = new ClerkRatingSums();
	let rows = 0;
	let made = 0;
	let ticketSeq = 0;

	while (made < count) {
		const apps: Record<string, unknown>[] = [];
		const bookings: Record<string, unknown>[] = [];
		const events: Record<string, unknown>[] = [];
		const tickets: Record<string, unknown>[] = [];
		const followUps: Record<string, unknown>[] = [];
		const audits: Record<string, unknown>[] = [];
		const target = Math.min(count, made + CHUNK);
		while (made < target) {
			const point = pickPoint();
			const day = pickDay();
			const open = spans(point, day);
			if (!open.length) continue;
			const i = made++;
			const [from, to] = open[Math.floor(random() * open.length)]!;
			const rule = point.services[Math.floor(random() * point.services.length)]!;
			const matter = matters.get(rule.matterId)!;
			// The visit: mornings busier (squared uniform leans early in the span).
			const visit =
				from +
				Math.floor((random() ** 1.4 * (to - from - rule.slotMinutes)) / rule.slotMinutes) *
					rule.slotMinutes;
			const booked = random() < 0.72;
			const id = `${HISTORY_PREFIX}${String(i).padStart(8, '0')}`;
			const createdAt = booked
				? instant(addDays(day, -1 - Math.floor(random() * 6)), between(7 * 60, 22 * 60))
				: instant(day, visit - between(5, 40));
			const idn = idNumber(i);
			const key = { pointId: point.id, matterId: matter.id };
			const agent =
				agents.length && point.kind === 'proxy' && random() < 0.6
					? agents[Math.floor(random() * agents.length)]!
					: null;
			// Made where there was no signal and sent later: more often away from the centres.
			const madeAt =
				random() < (point.kind === 'centre' ? 0.04 : 0.18)
					? new Date(Date.parse(createdAt) - between(10, 600) * 60_000).toISOString()
					: createdAt;
			const app: Record<string, unknown> = {
				id,
				reference: `LY-H${i.toString(36).toUpperCase().padStart(6, '0')}`,
				op_id: `${HISTORY_PREFIX}op-${i}`,
				device_id: DEVICE,
				agent_user_id: agent,
				matter_id: matter.id,
				matter_ids: JSON.stringify([matter.id]),
				point_id: point.id,
				applicant_name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
				applicant_id_number: idn,
				applicant_phone: `13${String(500000000 + (i % 499999999)).padStart(9, '0')}`,
				fields: '{}',
				answers: '{}',
				status: 'submitted',
				rating: null,
				rating_comment: null,
				device_created_at: madeAt,
				checked_in_at: null,
				created_at: createdAt,
				updated_at: createdAt
			};
			apps.push(app);
			const slotStart = `${day}T${String(Math.floor(visit / 60)).padStart(2, '0')}:${String(visit % 60).padStart(2, '0')}+08:00`;
			const booking: Record<string, unknown> = {
				id: `${id}-b`,
				application_id: id,
				point_id: point.id,
				matter_id: matter.id,
				applicant_id_number: idn,
				slot_start: booked ? slotStart : null,
				status: booked ? 'booked' : 'needs_slot',
				missed_at: null,
				created_at: createdAt,
				updated_at: createdAt
			};
			bookings.push(booking);
			events.push({ application_id: id, step: 'submitted', at: createdAt });
			sums.add(
				{ day: dayOf(createdAt), ...key },
				submittedDelta(booked, {
					deviceCreatedAt: madeAt,
					receivedAt: createdAt,
					byAgent: !!agent
				})
			);
			const step = (name: string, at: string) => {
				events.push({ application_id: id, step: name, at });
				app.updated_at = at;
			};

			const fate = random();
			if (booked && fate < 0.03) {
				const at = instant(dayOf(createdAt), visit - 60 * 24 * 0.5);
				const cancelAt = at > createdAt ? at : createdAt;
				step('cancel', cancelAt);
				app.status = 'cancelled';
				booking.status = 'cancelled';
				sums.add({ day: dayOf(cancelAt), ...key }, { cancelled: 1 });
				continue;
			}
			if (booked && fate < 0.09) {
				// A no-show: its day passed with nobody checked in.
				booking.missed_at = nowIso;
				sums.add({ day, ...key }, { missed: 1 });
				continue;
			}
			const arrived = instant(day, visit + (booked ? between(-10, 12) : 0));
			app.checked_in_at = arrived;
			step('check_in', arrived);
			sums.add({ day, ...key }, { check_ins: 1 });
			const wait = waitMinutes(point, day, visit);
			const calledAt = new Date(Date.parse(arrived) + wait * 60_000).toISOString();
			const { number: ticketNo, code } = ticketCode(
				point.id,
				day,
				prefixes.get(matter.categoryId) ?? 'A'
			);
			const missed = random() < 0.015;
			const ticket = {
				id: `${HISTORY_PREFIX}t-${ticketSeq++}`,
				point_id: point.id,
				day,
				number: ticketNo,
				code,
				category_id: matter.categoryId,
				application_id: id,
				status: calledAt > nowIso ? 'waiting' : missed ? 'no_show' : 'done',
				counter: calledAt > nowIso ? null : 1 + (ticketNo % Math.max(1, point.counters)),
				called_at: calledAt > nowIso ? null : calledAt,
				first_called_at: calledAt > nowIso ? null : calledAt,
				created_at: arrived,
				updated_at: calledAt > nowIso ? arrived : calledAt
			};
			tickets.push(ticket);
			if (ticket.first_called_at) sums.add({ day, ...key }, firstCallDelta(arrived, calledAt));
			if (ticket.status === 'waiting') continue;
			// Who missed their call came back to the counter and was served all the same.
			if (missed) sums.add({ day, ...key }, { ticket_no_shows: 1 });
			const served = Date.parse(calledAt);
			const later = (minutes: number) => new Date(served + minutes * 60_000).toISOString();
			if (random() < 0.03) {
				const at = later(between(5, 20));
				if (at > nowIso) continue;
				step('refuse', at);
				app.status = 'refused';
				sums.add({ day: dayOf(at), ...key }, { refused: 1 });
				continue;
			}
			const acceptedAt = later(between(3, 15));
			if (acceptedAt > nowIso) continue;
			step('accept', acceptedAt);
			app.status = 'accepted';
			let extra = 0;
			if (random() < 0.08) {
				step('request_materials', later(between(16, 25)));
				app.status = 'more_materials';
				extra = 1 + Math.floor(random() * 4);
				const back = instant(workingDayAfter(day, extra, calendar), between(9 * 60, 16 * 60));
				if (back > nowIso) continue;
				step('add_materials', back);
				app.status = 'accepted';
			}
			const promised = matter.promisedDays;
			const onTime = random() < 0.88;
			const took = onTime
				? promised <= 1
					? random() < 0.6
						? 0
						: 1
					: Math.floor(between(1, promised + 1))
				: promised + 1 + Math.floor(random() * 5);
			const doneDay = workingDayAfter(day, took + extra, calendar);
			const planned = instant(doneDay, between(9 * 60, 17 * 60));
			// Done the same day: some time after it was accepted.
			const doneAt =
				planned < acceptedAt
					? new Date(Date.parse(acceptedAt) + between(20, 120) * 60_000).toISOString()
					: planned;
			if (doneAt > nowIso) continue;
			step('complete', doneAt);
			app.status = 'completed';
			const clerks = clerksOf.get(point.id)!;
			const clerk = clerks[Math.floor(random() * clerks.length)]!;
			audits.push({
				id: `${id}-complete`,
				at: doneAt,
				user_id: clerk.id,
				username: clerk.username,
				point_id: point.id,
				action: 'complete',
				application_id: id,
				before: '{"status":"accepted"}',
				after: '{"status":"completed"}'
			});
			sums.add(
				{ day: dayOf(doneAt), ...key },
				completedDelta(createdAt as string, doneAt, promised, calendar)
			);
			if (random() < 0.55) {
				const ratedAt = new Date(Date.parse(doneAt) + between(10, 48 * 60) * 60_000).toISOString();
				if (ratedAt > nowIso) continue;
				const stars = clerk.stars();
				step('rate', ratedAt);
				app.rating = stars;
				app.rating_comment = stars <= 2 ? '等的时间太长，材料要求没讲清楚' : '';
				const ratedDay = dayOf(ratedAt);
				sums.add({ day: ratedDay, ...key }, ratedDelta(stars));
				clerkSums.add({ day: ratedDay, ...key, clerkId: clerk.id }, stars);
				if (stars <= 2) {
					// Most are closed in time, some late, a few left open.
					const deadline = followUpDeadline(ratedDay, calendar);
					const fate = random();
					const closedOn =
						fate < 0.82
							? workingDayAfter(
									ratedDay,
									1 + Math.floor(random() * FOLLOW_UP_WORKING_DAYS),
									calendar
								)
							: fate < 0.94
								? workingDayAfter(deadline, 1 + Math.floor(random() * 10), calendar)
								: null;
					const closedAt = closedOn && instant(closedOn, between(9 * 60, 17 * 60));
					const closed = !!closedAt && closedAt <= nowIso;
					followUps.push({
						application_id: id,
						point_id: point.id,
						matter_id: matter.id,
						stars,
						comment: app.rating_comment,
						rated_at: ratedAt,
						deadline,
						closed: closed ? 1 : 0,
						closed_on: closed ? closedOn : null,
						action: closed ? '已电话回访申请人，说明原因并致歉' : '',
						followed_by_name: closed ? '回访专员' : null,
						followed_at: closed ? closedAt : null
					});
				}
			}
		}
		// Walk-ins at the centres: about one for every eight applications.
		const walkIns = Math.round(apps.length * 0.12);
		for (let w = 0; w < walkIns; w++) {
			const point = pickCentre();
			const day = pickDay();
			const open = spans(point, day);
			if (!open.length) continue;
			const [from, to] = open[Math.floor(random() * open.length)]!;
			const minute = from + random() ** 1.4 * (to - from - 10);
			const created = instant(day, minute);
			if (created > nowIso) continue;
			const calledAt = new Date(
				Date.parse(created) + waitMinutes(point, day, minute) * 60_000
			).toISOString();
			const called = calledAt <= nowIso;
			const { number: n, code } = ticketCode(point.id, day, 'Z');
			tickets.push({
				id: `${HISTORY_PREFIX}t-${ticketSeq++}`,
				point_id: point.id,
				day,
				number: n,
				code,
				category_id: catalog.categories[0]!.id,
				application_id: null,
				status: called ? 'done' : 'waiting',
				counter: called ? 1 : null,
				called_at: called ? calledAt : null,
				first_called_at: called ? calledAt : null,
				created_at: created,
				updated_at: called ? calledAt : created
			});
			const key = { day, pointId: point.id, matterId: '' };
			sums.add(key, { walk_ins: 1 });
			if (called) sums.add(key, firstCallDelta(created, calledAt));
		}
		// One transaction a chunk: SQLite would otherwise commit every statement.
		await conn.db.transaction().execute(async (tx) => {
			await bulkInsert(tx, conn.kind, 'applications', APPLICATION_COLUMNS, apps);
			await bulkInsert(tx, conn.kind, 'bookings', BOOKING_COLUMNS, bookings);
			await bulkInsert(tx, conn.kind, 'application_events', EVENT_COLUMNS, events);
			await bulkInsert(tx, conn.kind, 'tickets', TICKET_COLUMNS, tickets);
			await bulkInsert(tx, conn.kind, 'rating_follow_ups', FOLLOW_UP_COLUMNS, followUps);
			await bulkInsert(tx, conn.kind, 'audit_log', AUDIT_COLUMNS, audits);
		});
		rows +=
			apps.length +
			bookings.length +
			events.length +
			tickets.length +
			followUps.length +
			audits.length;
		log(`${made} applications (${rows} rows) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
	await conn.db.transaction().execute(async (tx) => {
		await sums.write(tx, conn.kind);
		await clerkSums.write(tx, conn.kind);
	});
	rows += sums.rows.size + clerkSums.rows.size;
	return { applications: made, rows, seconds: (Date.now() - started) / 1000 };
}
