import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { Database } from '../db/schema';
import { readCatalogRevision } from './revision';
import { buildSnapshot } from './snapshot';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface CachedCatalog {
	revision: number;
	snapshot: CatalogSnapshot;
	etag: string;
	json: Buffer;
	encoded(encoding: 'br' | 'gzip'): Promise<Buffer>;
}

const cache = new WeakMap<Kysely<Database>, Promise<CachedCatalog>>();

/**
 * The current snapshot, rebuilt only when the catalogue's revision has moved, so every server
 * sharing one database agrees on it. Compressed forms are made once per snapshot.
 */
export async function currentCatalog(db: Kysely<Database>): Promise<CachedCatalog> {
	const revision = await readCatalogRevision(db);
	const pending = cache.get(db);
	if (pending) {
		const cached = await pending.catch(() => undefined);
		if (cached && cached.revision === revision) return cached;
	}
	const fresh = build(db, revision);
	cache.set(db, fresh);
	return fresh;
}

async function build(db: Kysely<Database>, revision: number): Promise<CachedCatalog> {
	const snapshot = await buildSnapshot(db);
	const json = Buffer.from(JSON.stringify(snapshot));
	const encodings = new Map<string, Promise<Buffer>>();
	return {
		revision,
		snapshot,
		etag: `"${snapshot.version}"`,
		json,
		encoded(encoding) {
			let out = encodings.get(encoding);
			if (!out) {
				out =
					encoding === 'br'
						? brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
						: gz(json, { level: 9 });
				encodings.set(encoding, out);
			}
			return out;
		}
	};
}
