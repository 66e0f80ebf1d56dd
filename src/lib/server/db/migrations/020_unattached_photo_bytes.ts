import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * The sizes of photos no application names yet, apart: every upload sums them (all devices'
 * together have a limit), and the table keeps every photo ever uploaded.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('blob_owners_unattached')
		.on('blob_owners')
		.column('size')
		.where(sql.ref('attached_at'), 'is', null)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('blob_owners_unattached').execute();
}
