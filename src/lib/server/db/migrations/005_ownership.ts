import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

/**
 * Photos belong to the devices that uploaded them (the bytes are kept once per hash), and an
 * application taken in at a counter can be claimed only by the phone that holds its claim key.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('ops').addColumn('claim_hash', 'text').execute();

	await db.schema
		.createTable('blob_owners')
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		/** When an application of this device first named it; until then it counts to its quota. */
		.addColumn('attached_at', 'text')
		.addPrimaryKeyConstraint('blob_owners_pk', ['device_id', 'sha256'])
		.execute();
	await db.schema.createIndex('blob_owners_sha').on('blob_owners').column('sha256').execute();
	await db.schema
		.createIndex('blob_owners_created')
		.on('blob_owners')
		.column('created_at')
		.execute();
	await db.schema.createIndex('attachments_sha').on('attachments').column('sha256').execute();
	// Photos stored before: their uploader owns them, attached if an application of theirs names one.
	await db
		.insertInto('blob_owners')
		.columns(['device_id', 'sha256', 'size', 'created_at', 'attached_at'])
		.expression((eb) =>
			eb
				.selectFrom('blobs')
				.select([
					'blobs.device_id',
					'blobs.sha256',
					'blobs.size',
					'blobs.created_at',
					eb
						.selectFrom('attachments')
						.innerJoin('applications', 'applications.id', 'attachments.application_id')
						.select('blobs.created_at')
						.whereRef('attachments.sha256', '=', 'blobs.sha256')
						.whereRef('applications.device_id', '=', 'blobs.device_id')
						.limit(1)
						.as('attached_at')
				])
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('blob_owners').execute();
	await db.schema.alterTable('ops').dropColumn('claim_hash').execute();
}
