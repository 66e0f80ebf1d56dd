import type { Kysely } from 'kysely';
import listed from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { NationalCalendar } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { bumpCatalogRevision } from '../catalog/revision';
import type { CalendarKind, Database } from '../db/schema';
import { writeTransaction, type Tx } from '../db/transaction';
import type { Connection } from '../db/connect';
import type { SignedInUser } from '../auth/sessions';
import { audit } from '../counter/audit';
import { recheckBookingsForCalendar } from '../catalog-admin/calendar-bookings';

export interface CalendarDay {
	date: string;
	kind: CalendarKind;
	name: { zh: string; en: string };
	source: 'list' | 'admin';
}

/** The calendar kept and sent from: the first of January of last year (enough for any booking). */
export function calendarSince(now = new Date()): string {
	return `${Number(serviceClock(now).date.slice(0, 4)) - 1}-01-01`;
}

/** `"Spring Festival,春节,4"` as the maintained list writes a day's name. */
function listedName(entry: string): { zh: string; en: string } {
	const [en = '', zh = ''] = entry.split(',');
	return { zh, en };
}

/** The days of the maintained list (the State Council's announcements, year by year). */
export function listedDays(): Omit<CalendarDay, 'source'>[] {
	const { holidays, workdays } = listed as {
		holidays: Record<string, string>;
		workdays: Record<string, string>;
	};
	return [
		...Object.entries(holidays).map(([date, name]) => ({
			date,
			kind: 'holiday' as const,
			name: listedName(name)
		})),
		...Object.entries(workdays).map(([date, name]) => ({
			date,
			kind: 'workday' as const,
			name: listedName(name)
		}))
	].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Adds the maintained list's days from `since` on that the calendar does not have yet; a date an
 * administrator set or changed is never touched. Returns how many were added.
 */
export async function prefillCalendar(
	db: Kysely<Database>,
	since: string,
	now = new Date()
): Promise<number> {
	const known = new Set(
		(
			await db.selectFrom('national_calendar').select('date').where('date', '>=', since).execute()
		).map((r) => r.date)
	);
	const missing = listedDays().filter((d) => d.date >= since && !known.has(d.date));
	if (!missing.length) return 0;
	await db
		.insertInto('national_calendar')
		.values(
			missing.map((d) => ({
				date: d.date,
				kind: d.kind,
				name_zh: d.name.zh,
				name_en: d.name.en,
				source: 'list' as const,
				updated_at: now.toISOString()
			}))
		)
		.onConflict((oc) => oc.column('date').doNothing())
		.execute();
	await bumpCatalogRevision(db);
	return missing.length;
}

/** The calendar's days of a year (or all), by date. */
export async function calendarDays(
	db: Kysely<Database> | Tx,
	year?: number
): Promise<CalendarDay[]> {
	let query = db.selectFrom('national_calendar').selectAll().orderBy('date');
	if (year) query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
	return (await query.execute()).map((r) => ({
		date: r.date,
		kind: r.kind,
		name: { zh: r.name_zh, en: r.name_en },
		source: r.source
	}));
}

/** The calendar as the catalogue carries it to devices: holidays and make-up working days from `since`. */
export async function nationalCalendar(
	db: Kysely<Database>,
	since: string
): Promise<NationalCalendar> {
	const rows = await db
		.selectFrom('national_calendar')
		.select(['date', 'kind', 'name_zh', 'name_en'])
		.where('date', '>=', since)
		.where('kind', '!=', 'normal')
		.orderBy('date')
		.execute();
	const calendar: NationalCalendar = { holidays: {}, workdays: {} };
	for (const r of rows) {
		(r.kind === 'holiday' ? calendar.holidays : calendar.workdays)[r.date] = {
			zh: r.name_zh,
			en: r.name_en
		};
	}
	return calendar;
}

/**
 * An administrator's change to one day (`normal` sets a listed day back to an ordinary one, and
 * is kept so that the list never brings it back); audited, and the catalogue's version moves so
 * that phones take it up. Bookings on a day it closes are taken back as a publication's are:
 * how many, it returns.
 */
export async function setCalendarDay(
	conn: Connection,
	user: SignedInUser,
	day: { date: string; kind: CalendarKind; name: { zh: string; en: string } },
	now = new Date()
): Promise<{ affected: number }> {
	return writeTransaction(conn, async (tx) => {
		const calendarBefore = await nationalCalendar(tx, calendarSince(now));
		const before = await tx
			.selectFrom('national_calendar')
			.selectAll()
			.where('date', '=', day.date)
			.executeTakeFirst();
		const row = {
			kind: day.kind,
			name_zh: day.name.zh,
			name_en: day.name.en,
			source: 'admin' as const,
			updated_at: now.toISOString()
		};
		await tx
			.insertInto('national_calendar')
			.values({ date: day.date, ...row })
			.onConflict((oc) => oc.column('date').doUpdateSet(row))
			.execute();
		await audit(
			tx,
			user,
			{
				action: 'calendar_edit',
				pointId: null,
				before: before ? { date: before.date, kind: before.kind, name: before.name_zh } : null,
				after: { date: day.date, kind: day.kind, name: day.name.zh }
			},
			now
		);
		const affected = await recheckBookingsForCalendar(
			tx,
			calendarBefore,
			await nationalCalendar(tx, calendarSince(now)),
			now
		);
		await bumpCatalogRevision(tx);
		return { affected };
	});
}
