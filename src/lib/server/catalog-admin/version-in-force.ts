import type { Tx } from '../db/transaction';
import type { CatalogDocument } from './document';

export interface VersionRow {
	version: number;
	document: string;
}

export async function latestVersion(tx: Tx): Promise<VersionRow | undefined> {
	const row = await tx
		.selectFrom('catalog_versions')
		.select(['version', 'document'])
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row && { version: Number(row.version), document: row.document };
}

/**
 * The version the catalogue's tables hold: the newest, or, when they hold something else (the
 * demo, a seed load), that catalogue as found, stored as a version so that a draft begun from it
 * and a restore can go back to it.
 */
export async function versionInForce(
	tx: Tx,
	tables: CatalogDocument,
	now: Date
): Promise<VersionRow> {
	const latest = await latestVersion(tx);
	const document = JSON.stringify(tables);
	if (latest && latest.document === document) return latest;
	const found = { version: (latest?.version ?? 0) + 1, document };
	await tx
		.insertInto('catalog_versions')
		.values({ ...found, published_by: null, published_at: now.toISOString() })
		.onConflict((oc) => oc.column('version').doNothing())
		.execute();
	return found;
}
