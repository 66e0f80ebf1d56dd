import type { Insertable } from 'kysely';
import type { Database } from '../db/schema';

/** The catalogue's tables in the order rows are written (parents first); cleared in reverse. */
export const catalogTables = [
	'categories',
	'departments',
	'towns',
	'points',
	'point_closures',
	'matters',
	'materials',
	'point_matters',
	'bundles',
	'bundle_matters'
] as const;

export type CatalogTable = (typeof catalogTables)[number];

/** Every row of the catalogue, table by table, ready to write. */
export type CatalogRows = { [T in CatalogTable]: Insertable<Database[T]>[] };
