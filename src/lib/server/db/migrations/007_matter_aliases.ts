import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Each matter's everyday names and abbreviations (低保, 个体户, 残疾证, …), which search finds it
 * by: a JSON array of strings, empty for matters that have none yet.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('matters')
		.addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('matters').dropColumn('aliases').execute();
}
