import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { demoCatalogRows } from './demo-catalog';
import { catalogIsEmpty, writeCatalog } from './write-catalog';
import { seedDemoUsersIfNone } from './demo-users';
import { calendarSince, prefillCalendar } from '../calendar/national';

export async function seedDemo(db: Kysely<Database>): Promise<void> {
	await writeCatalog(db, demoCatalogRows());
	await prefillCalendar(db, calendarSince());
}

/** Fills an empty database with the demo catalogue; leaves one with data alone. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
	const empty = await catalogIsEmpty(db);
	if (empty) await seedDemo(db);
	await seedDemoUsersIfNone(db);
	return empty;
}
