import { isCompact, type CompactCatalog } from '$lib/catalog/compact';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { StoredCatalog } from './db';
import { DEVICE_DB_NAME, deviceStoreExists } from './store-exists';

export type CatalogCopy = CompactCatalog | CatalogSnapshot;

/** What the device knows of its copy without reading the copy itself, and how to read it. */
export interface KeptCatalog {
	version: string;
	etag: string;
	/** Compact copies can be brought up to date with a delta; a whole snapshot of old cannot. */
	compact: boolean;
	/** When the server last confirmed this copy (ms since epoch). */
	checkedAt: number;
	read(): Promise<CatalogCopy>;
}

// The catalogue is the server's answer kept for offline use, like a saved page: it lives in the
// Cache Storage, which every page and the service worker can read without the database library.
// Its version and tag travel in the entry's headers, so checking for news never parses the copy.
export const CATALOG_CACHE = 'ow-catalog';
const COPY = '/device/catalog';
/** A confirmation that the copy is current, written apart so it does not rewrite the copy. */
const CHECKED = '/device/catalog-checked';

let moved: Promise<void> | undefined;

export async function keptCatalog(): Promise<KeptCatalog | null> {
	if (!('caches' in globalThis)) return null;
	await (moved ??= moveFromDatabase().catch(() => undefined));
	const cache = await caches.open(CATALOG_CACHE);
	const copy = await cache.match(COPY);
	if (!copy) return null;
	const version = copy.headers.get('x-version') ?? '';
	const checked = (await (await cache.match(CHECKED))?.json().catch(() => null)) as {
		version: string;
		checkedAt: number;
	} | null;
	const keptAt = Number(copy.headers.get('x-checked-at'));
	return {
		version,
		etag: copy.headers.get('x-etag') ?? '',
		compact: copy.headers.get('x-compact') === '1',
		checkedAt: checked?.version === version ? Math.max(keptAt, checked.checkedAt) : keptAt,
		read: () => copy.clone().json() as Promise<CatalogCopy>
	};
}

/**
 * Replaces the copy in one write: until it lands, the old one stays whole. A browser with no Cache
 * Storage (a page not served over HTTPS) keeps nothing and works online only.
 */
export async function keepCatalog(copy: CatalogCopy, etag: string, checkedAt: number) {
	if (!('caches' in globalThis)) return;
	const headers = {
		'content-type': 'application/json',
		'x-version': copy.version,
		'x-etag': etag,
		'x-compact': isCompact(copy) ? '1' : '0',
		'x-checked-at': String(checkedAt)
	};
	const cache = await caches.open(CATALOG_CACHE);
	await cache.put(COPY, new Response(JSON.stringify(copy), { headers }));
}

export async function noteCatalogChecked(version: string, checkedAt: number) {
	if (!('caches' in globalThis)) return;
	const cache = await caches.open(CATALOG_CACHE);
	await cache.put(CHECKED, new Response(JSON.stringify({ version, checkedAt })));
}

/**
 * A copy an earlier release kept in the device's database moves here once, so it works offline. The
 * old row goes whenever it is found, even when a newer copy got here first (the worker's download).
 */
async function moveFromDatabase(): Promise<void> {
	if (!(await deviceStoreExists())) return;
	const old = (await inDeviceDb('readonly', (store) => store.get('current'))) as
		StoredCatalog | undefined;
	if (!old) return;
	if (!(await (await caches.open(CATALOG_CACHE)).match(COPY))) {
		await keepCatalog(old.snapshot, old.etag, old.checkedAt);
	}
	await inDeviceDb('readwrite', (store) => store.delete('current'));
}

/**
 * IndexedDB itself, not the database library: the service worker's bundle can take no late import,
 * and a page should not load the library for a copy that has moved long ago.
 */
function inDeviceDb(mode: IDBTransactionMode, ask: (store: IDBObjectStore) => IDBRequest) {
	return new Promise<unknown>((resolve, reject) => {
		const open = indexedDB.open(DEVICE_DB_NAME);
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('catalog')) {
				db.close();
				return resolve(undefined);
			}
			const transaction = db.transaction('catalog', mode);
			const request = ask(transaction.objectStore('catalog'));
			transaction.oncomplete = () => {
				db.close();
				resolve(request.result);
			};
			transaction.onerror = () => {
				db.close();
				reject(transaction.error);
			};
		};
	});
}
