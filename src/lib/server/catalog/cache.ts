import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import { compactCatalog, partialCatalog, type CompactCatalog } from '$lib/catalog/compact';
import { diffCatalog } from '$lib/catalog/delta';
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
	/** The same catalogue in the compact form, as a body. */
	compact: Body;
	/** What turns the compact catalogue of an earlier version into this one; null if unknown here. */
	deltaFrom(version: string): Body | null;
	/** The compact catalogue with the points of these towns only. */
	partial(townIds: string[]): Body;
}

/** A JSON body, with its compressed forms made once, when first asked for. */
export interface Body {
	json: Buffer;
	encoded(encoding: 'br' | 'gzip'): Promise<Buffer>;
}

/**
 * The compact catalogues of the last versions this process built, by version: a phone holding one
 * of them gets the difference. A phone with an older one (or a process started since) gets it all.
 */
const recent = new Map<string, CompactCatalog>();
const RECENT_VERSIONS = 8;

const cache = new WeakMap<Kysely<Database>, Promise<CachedCatalog>>();

/**
 * The current snapshot, rebuilt only when the catalogue's revision has moved, so every server
 * sharing one database agrees on it. Compressed forms are made once per snapshot. A caller that
 * has just read the revision along with other rows (`deviceFromRequest`) passes it: a snapshot
 * built since, of a later revision, serves it too (revisions only rise while the server runs).
 */
export async function currentCatalog(
	db: Kysely<Database>,
	knownRevision?: number
): Promise<CachedCatalog> {
	const revision = knownRevision ?? (await readCatalogRevision(db));
	const pending = cache.get(db);
	if (pending) {
		const cached = await pending.catch(() => undefined);
		if (cached && cached.revision === revision) return cached;
		if (cached && knownRevision !== undefined && cached.revision > knownRevision) return cached;
	}
	const fresh = build(db, revision);
	cache.set(db, fresh);
	return fresh;
}

async function build(db: Kysely<Database>, revision: number): Promise<CachedCatalog> {
	const snapshot = await buildSnapshot(db);
	const compact = compactCatalog(snapshot);
	const earlier = new Map(recent);
	recent.delete(snapshot.version);
	recent.set(snapshot.version, compact);
	while (recent.size > RECENT_VERSIONS) recent.delete(recent.keys().next().value!);
	const deltas = new Map<string, Body>();
	const parts = new Map<string, Body>();
	return {
		revision,
		snapshot,
		etag: `"${snapshot.version}"`,
		...body(snapshot, 9),
		compact: body(compact, 11),
		deltaFrom(version) {
			// A phone already level, which asked without its ETag, gets an empty difference.
			const old = version === snapshot.version ? compact : earlier.get(version);
			if (!old) return null;
			let delta = deltas.get(version);
			if (!delta) deltas.set(version, (delta = body(diffCatalog(old, compact), 11)));
			return delta;
		},
		partial(townIds) {
			const known = new Set(compact.towns.map((t) => t.id));
			const key = [...new Set(townIds)]
				.filter((id) => known.has(id))
				.sort()
				.join(',');
			let part = parts.get(key);
			if (!part) {
				// Phones ask for few combinations (a town and its neighbours); a flood of others is not kept.
				if (parts.size >= 256) parts.clear();
				parts.set(key, (part = body(partialCatalog(compact, key.split(',')), 11)));
			}
			return part;
		}
	};
}

/** `quality`: brotli's; the full form is large, and 11 would keep its first phone waiting. */
function body(content: unknown, quality: number): Body {
	const json = Buffer.from(JSON.stringify(content));
	const encodings = new Map<string, Promise<Buffer>>();
	return {
		json,
		encoded(encoding) {
			let out = encodings.get(encoding);
			if (!out) {
				out =
					encoding === 'br'
						? brotli(json, {
								params: {
									[constants.BROTLI_PARAM_QUALITY]: quality,
									[constants.BROTLI_PARAM_SIZE_HINT]: json.length
								}
							})
						: gz(json, { level: 9 });
				encodings.set(encoding, out);
			}
			return out;
		}
	};
}
