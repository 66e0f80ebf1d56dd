import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

const KINDS = sql`kind in ('centre', 'village', 'proxy', 'city')`;

/**
 * The catalogue's administration, continued: the city hall as a point kind; a draft for each
 * administrator, with the version it was begun from; and, for each booking a publication left
 * without its slot, who contacted the resident, when, and what was agreed.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await cityHallKind(db);
	await draftsOfTheirOwn(db);
	await db.schema
		.alterTable('catalog_affected_bookings')
		.addColumn('contacted_at', 'text')
		.execute();
	await db.schema
		.alterTable('catalog_affected_bookings')
		.addColumn('contacted_by', 'text')
		.execute();
	await db.schema
		.alterTable('catalog_affected_bookings')
		.addColumn('contacted_by_name', 'text')
		.execute();
	await db.schema
		.alterTable('catalog_affected_bookings')
		.addColumn('contact_note', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
}

/**
 * The city hall (市政务服务中心) as a point of its own kind, `city`, so that the figures can tell
 * work done there from work done in towns and villages. SQLite cannot change a check in place:
 * its points table is rebuilt as its documentation prescribes (foreign keys off, so that the
 * closures and slot rules that cascade from a point stay, then checked before committing).
 */
async function cityHallKind(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`alter table points drop constraint if exists points_kind_check`.execute(db);
		await sql`alter table points add constraint points_kind_check check (${KINDS})`.execute(db);
		return;
	}
	// Not in a transaction (Kysely runs SQLite migrations without one): foreign keys off first.
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		await db.schema
			.createTable('points_new')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
			.addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
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
		await sql`insert into points_new (id, town_id, kind, name_zh, name_en, address_zh, address_en, lat, lng, phone, hours, counters)
			select id, town_id, kind, name_zh, name_en, address_zh, address_en, lat, lng, phone, hours, counters from points`.execute(
			db
		);
		await sql`drop table points`.execute(db);
		await sql`alter table points_new rename to points`.execute(db);
		await db.schema.createIndex('points_town').on('points').column('town_id').execute();
		const broken = await sql`pragma foreign_key_check`.execute(db);
		if (broken.rows.length) throw new Error('foreign keys broken by the points table rebuild');
		await sql`commit`.execute(db);
	} catch (error) {
		await sql`rollback`.execute(db).catch(() => undefined);
		throw error;
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

/**
 * Each administrator edits a draft of their own (keyed by their account), begun from a published
 * version that publishing checks is still the newest. The one shared draft there was goes to the
 * administrator who last saved it (by name), else to the first city administrator; it was begun
 * from the newest version there is.
 */
async function draftsOfTheirOwn(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('catalog_drafts').addColumn('base_version', 'integer').execute();
	const shared = await db
		.selectFrom('catalog_drafts')
		.select('updated_by_name')
		.where('id', '=', 'current')
		.executeTakeFirst();
	if (!shared) return;
	const admins = db
		.selectFrom('users')
		.select('id')
		.where('disabled', '=', 0)
		.orderBy(sql`case when role = 'admin' then 0 else 1 end`)
		.orderBy('created_at');
	const owner =
		(await admins
			.where('role', 'in', ['admin', 'town_admin'])
			.where((eb) =>
				eb.or([
					eb('display_name', '=', shared.updated_by_name),
					eb('username', '=', shared.updated_by_name)
				])
			)
			.executeTakeFirst()) ?? (await admins.where('role', '=', 'admin').executeTakeFirst());
	if (!owner) {
		await db.deleteFrom('catalog_drafts').where('id', '=', 'current').execute();
		return;
	}
	const latest = await db
		.selectFrom('catalog_versions')
		.select((eb) => eb.fn.max('version').as('version'))
		.executeTakeFirst();
	await db
		.updateTable('catalog_drafts')
		.set({ id: owner.id, base_version: latest?.version ?? null })
		.where('id', '=', 'current')
		.execute();
}

export async function down(): Promise<void> {
	// A city hall would have no kind to go back to, nor a draft of one's own to share.
}
