import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * The national calendar: public holidays and make-up working days (调休), prefilled from a
 * maintained list and edited by the city's administrators; `normal` marks a date an administrator
 * set back to an ordinary day (so the list never brings it back).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('national_calendar')
		.addColumn('date', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name_zh', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
		/** `list`: from the maintained list; `admin`: set or changed by an administrator. */
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('national_calendar').execute();
}
