import { sql, type Kysely } from 'kysely';

// Migrations take `Kysely<any>`: they describe tables as they were, not as `Database` types them today.
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('meta')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('categories')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('ticket_prefix', 'text', (c) => c.notNull())
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('departments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('towns')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['subdistrict', 'town'])))
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('points')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sqlIn('kind', ['centre', 'village', 'proxy']))
		)
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('address_zh', 'text', (c) => c.notNull())
		.addColumn('address_en', 'text', (c) => c.notNull())
		.addColumn('lat', 'double precision', (c) => c.notNull())
		.addColumn('lng', 'double precision', (c) => c.notNull())
		.addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('hours', 'text', (c) => c.notNull())
		.addColumn('counters', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('points_town').on('points').column('town_id').execute();

	await db.schema
		.createTable('point_closures')
		.addColumn('point_id', 'text', (c) => c.notNull().references('points.id').onDelete('cascade'))
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('reason_zh', 'text', (c) => c.notNull())
		.addColumn('reason_en', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('point_closures_pk', ['point_id', 'date'])
		.execute();

	await db.schema
		.createTable('matters')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('category_id', 'text', (c) => c.notNull().references('categories.id'))
		.addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('summary_zh', 'text', (c) => c.notNull())
		.addColumn('summary_en', 'text', (c) => c.notNull())
		.addColumn('conditions', 'text', (c) => c.notNull())
		.addColumn('promised_days', 'integer', (c) => c.notNull())
		.addColumn('legal_days', 'integer', (c) => c.notNull())
		.addColumn('fee_zh', 'text', (c) => c.notNull())
		.addColumn('fee_en', 'text', (c) => c.notNull())
		.addColumn('legal_basis', 'text', (c) => c.notNull())
		.addColumn('visits', 'integer', (c) => c.notNull())
		.addColumn('questions', 'text', (c) => c.notNull())
		.addColumn('form', 'text', (c) => c.notNull())
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('materials')
		.addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('form', 'text', (c) =>
			c.notNull().check(sqlIn('form', ['original', 'copy', 'original_and_copy', 'electronic']))
		)
		.addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('note_zh', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('note_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('when', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('materials_pk', ['matter_id', 'id'])
		.execute();

	await db.schema
		.createTable('point_matters')
		.addColumn('point_id', 'text', (c) => c.notNull().references('points.id').onDelete('cascade'))
		.addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id').onDelete('cascade'))
		.addColumn('slot_minutes', 'integer', (c) => c.notNull())
		.addColumn('capacity', 'integer', (c) => c.notNull())
		.addColumn('min_hours_ahead', 'integer', (c) => c.notNull())
		.addColumn('max_days_ahead', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('point_matters_pk', ['point_id', 'matter_id'])
		.execute();
	await db.schema
		.createIndex('point_matters_matter')
		.on('point_matters')
		.column('matter_id')
		.execute();

	await db.schema
		.createTable('bundles')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('summary_zh', 'text', (c) => c.notNull())
		.addColumn('summary_en', 'text', (c) => c.notNull())
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('bundle_matters')
		.addColumn('bundle_id', 'text', (c) => c.notNull().references('bundles.id').onDelete('cascade'))
		.addColumn('matter_id', 'text', (c) => c.notNull().references('matters.id').onDelete('cascade'))
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('bundle_matters_pk', ['bundle_id', 'matter_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'bundle_matters',
		'bundles',
		'point_matters',
		'materials',
		'matters',
		'point_closures',
		'points',
		'towns',
		'departments',
		'categories',
		'meta'
	]) {
		await db.schema.dropTable(table).execute();
	}
}

function sqlIn(column: string, values: string[]) {
	return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
