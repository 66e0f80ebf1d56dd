import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { bumpCatalogRevision } from '../catalog/revision';
import { catalogTables, type CatalogRows } from './catalog-rows';

// Small enough for PostgreSQL's 65,535 and SQLite's 32,766 bound parameters a statement.
const BATCH = 500;

/** Replaces the whole catalogue with `rows`, in one transaction. */
export async function writeCatalog(db: Kysely<Database>, rows: CatalogRows): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await replaceCatalogRows(tx, rows);
		await bumpCatalogRevision(tx);
	});
}

/** Clears the catalogue's tables and writes `rows`, inside the caller's transaction. */
export async function replaceCatalogRows(tx: Tx, rows: CatalogRows): Promise<void> {
	for (const table of [...catalogTables].reverse()) await tx.deleteFrom(table).execute();
	for (const table of catalogTables) {
		const list = rows[table];
		for (let i = 0; i < list.length; i += BATCH) {
			// Each table's rows match that table; the loop's union type cannot say so.
			await tx
				.insertInto(table)
				.values(list.slice(i, i + BATCH) as never)
				.execute();
		}
	}
}

export async function catalogIsEmpty(db: Kysely<Database>): Promise<boolean> {
	const row = await db.selectFrom('towns').select('id').limit(1).executeTakeFirst();
	return !row;
}
