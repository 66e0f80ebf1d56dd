import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';

const KEY = 'catalog_revision';

/** A counter that every change to the catalogue raises, so cached snapshots know they are stale. */
export async function readCatalogRevision(db: Kysely<Database>): Promise<number> {
	const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
	return row ? Number(row.value) : 0;
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
