import type { Kysely } from 'kysely';
import { isPostgres } from './003_applications';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Photos uploaded in chunks: how far each has come and its chunks so far, kept until the last
 * chunk completes the photo (or a day passes), so that an upload cut by a weak link goes on from
 * where it stopped. `sent` (kept as `blob_owners.sent_bytes` once complete) counts every chunk
 * byte that arrived, taken or not: the photo's size when no byte range was sent twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const pg = await isPostgres(db);
	await db.schema
		.createTable('blob_uploads')
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('received', 'integer', (c) => c.notNull())
		.addColumn('sent', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('blob_uploads_pk', ['device_id', 'sha256'])
		.execute();
	await db.schema
		.createTable('blob_upload_chunks')
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('offset', 'integer', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addPrimaryKeyConstraint('blob_upload_chunks_pk', ['device_id', 'sha256', 'offset'])
		.execute();
	await db.schema.alterTable('blob_owners').addColumn('sent_bytes', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('blob_owners').dropColumn('sent_bytes').execute();
	await db.schema.dropTable('blob_upload_chunks').execute();
	await db.schema.dropTable('blob_uploads').execute();
}
