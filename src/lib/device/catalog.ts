import { expandCatalog, isCompact, type CompactCatalog } from '$lib/catalog/compact';
import { applyDelta, isDelta, type CatalogDelta } from '$lib/catalog/delta';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { latestCatalog } from './catalog-version';
import { deviceDb } from './db';

let memo: { promise: Promise<CatalogSnapshot>; version: string | null } | undefined;

/** The device's copy of the catalogue; downloaded once if the device has none yet. */
export function deviceCatalog(fetchFn: typeof fetch = fetch): Promise<CatalogSnapshot> {
	if (!memo || (latestCatalog.version && memo.version !== latestCatalog.version)) {
		const entry: NonNullable<typeof memo> = {
			version: latestCatalog.version,
			promise: load(fetchFn)
		};
		entry.promise.then(
			(s) => (entry.version = s.version),
			() => memo === entry && (memo = undefined)
		);
		memo = entry;
	}
	return memo.promise;
}

async function load(fetchFn: typeof fetch): Promise<CatalogSnapshot> {
	const stored = await deviceDb.catalog.get('current');
	if (stored) return expanded(stored.snapshot);
	const result = await refreshCatalog(fetchFn);
	if (result.snapshot) return result.snapshot;
	throw new Error('catalogue unavailable');
}

const expanded = (copy: CompactCatalog | CatalogSnapshot) =>
	isCompact(copy) ? expandCatalog(copy) : copy;

export interface RefreshResult {
	status: 'updated' | 'unchanged';
	/** The device had an older copy, now replaced. */
	replaced?: boolean;
	snapshot?: CatalogSnapshot;
	version: string;
	checkedAt: number;
}

/**
 * Asks the server whether the catalogue changed (`If-None-Match`) and replaces the device's copy in
 * one write when it did; the old copy stays whole until then. The server sends only what changed
 * since the device's version when it can.
 */
export async function refreshCatalog(fetchFn: typeof fetch = fetch): Promise<RefreshResult> {
	const stored = await deviceDb.catalog.get('current');
	const from = stored && isCompact(stored.snapshot) ? `&from=${stored.snapshot.version}` : '';
	const response = await fetchFn(`/api/catalog?format=2${from}`, {
		headers: stored ? { 'If-None-Match': stored.etag } : {},
		cache: 'no-store'
	});
	const checkedAt = Date.now();
	if (response.status === 304 && stored) {
		await deviceDb.catalog.update('current', { checkedAt });
		return { status: 'unchanged', version: stored.snapshot.version, checkedAt };
	}
	if (!response.ok) throw new Error(`catalogue request failed: ${response.status}`);
	const body = (await response.json()) as CompactCatalog | CatalogDelta;
	const compact = isDelta(body)
		? applyDelta(stored!.snapshot as CompactCatalog, body)
		: (body as CompactCatalog);
	const etag = response.headers.get('ETag') ?? `"${compact.version}"`;
	await deviceDb.catalog.put({ key: 'current', snapshot: compact, etag, checkedAt });
	const snapshot = expandCatalog(compact);
	const replaced = !!stored && stored.snapshot.version !== snapshot.version;
	return { status: 'updated', replaced, snapshot, version: snapshot.version, checkedAt };
}

export async function storedCatalogInfo(): Promise<{ version: string; checkedAt: number } | null> {
	const stored = await deviceDb.catalog.get('current');
	return stored ? { version: stored.snapshot.version, checkedAt: stored.checkedAt } : null;
}
