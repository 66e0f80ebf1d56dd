import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { compiledOnce, kindOf } from '../db/compiled';
import type { Tx } from '../db/transaction';

const KEY = 'catalog_revision';

/** The revision, as a subquery: read along with another statement's rows, in its round trip. */
export const catalogRevisionQuery = (db: Tx) =>
	db.selectFrom('meta').select('value').where('key', '=', KEY);

/** The revision as a number, from its stored text (none stored yet: 0). */
export const catalogRevisionOf = (value: string | null | undefined): number =>
	value ? Number(value) : 0;

const metaRevision = compiledOnce((db) => catalogRevisionQuery(db));

/** A counter that every change to the catalogue raises, so cached snapshots know they are stale. */
export async function readCatalogRevision(db: Kysely<Database>): Promise<number> {
	const [row] = (await metaRevision(db, kindOf(db), {})).rows;
	return catalogRevisionOf(row?.value);
}

/** Raises the counter in one statement, so two writers never both read N and write N + 1. */
export async function bumpCatalogRevision(db: Kysely<Database> | Tx): Promise<void> {
	await db
		.insertInto('meta')
		.values({ key: KEY, value: '0' })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	await db
		.updateTable('meta')
		.set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
		.where('key', '=', KEY)
		.execute();
}
