import { expandCatalog, isCompact, type CompactCatalog } from '$lib/catalog/compact';
import { applyDelta, isDelta, type CatalogDelta } from '$lib/catalog/delta';
import type { CatalogSnapshot } from '$lib/catalog/types';
import {
	keepCatalog,
	keptCatalog,
	noteCatalogChecked,
	type CatalogCopy,
	type KeptCatalog
} from './catalog-store';
import { CATALOG_CHECKED, type CatalogChecked } from './catalog-messages';
import { latestCatalog } from './catalog-version';

let memo:
	{ promise: Promise<CatalogSnapshot>; version: string | null; ready?: boolean } | undefined;

/** The device's copy of the catalogue; downloaded once if the device has none yet. */
export function deviceCatalog(fetchFn: typeof fetch = fetch): Promise<CatalogSnapshot> {
	if (!memo || (latestCatalog.version && memo.version !== latestCatalog.version)) {
		const entry: NonNullable<typeof memo> = {
			version: latestCatalog.version,
			promise: load(fetchFn)
		};
		entry.promise.then(
			(s) => ((entry.version = s.version), (entry.ready = true)),
			() => memo === entry && (memo = undefined)
		);
		memo = entry;
	}
	return memo.promise;
}

/** Whether the device holds a copy to read, in memory or kept, without reading it. */
export async function deviceHasCatalog(): Promise<boolean> {
	return !!memo?.ready || !!(await keptCatalog());
}

async function load(fetchFn: typeof fetch): Promise<CatalogSnapshot> {
	const kept = await keptCatalog();
	if (kept) return expanded(await kept.read());
	const result = await refreshCatalog(fetchFn);
	if (result.snapshot) return result.snapshot;
	throw new Error('catalogue unavailable');
}

const expanded = (copy: CatalogCopy) => (isCompact(copy) ? expandCatalog(copy) : copy);

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
	const kept = await keptCatalog();
	const from = kept?.compact ? `&from=${kept.version}` : '';
	const response = await fetchFn(`/api/catalog?format=2${from}`, {
		headers: kept ? { 'If-None-Match': kept.etag } : {},
		cache: 'no-store'
	});
	const checkedAt = Date.now();
	if (response.status === 304 && kept) {
		await noteCatalogChecked(kept.version, checkedAt);
		return { status: 'unchanged', version: kept.version, checkedAt };
	}
	if (!response.ok) throw new Error(`catalogue request failed: ${response.status}`);
	const body = (await response.json()) as CompactCatalog | CatalogDelta;
	const compact = isDelta(body) ? applyDelta(await deltaBase(kept, body), body) : body;
	const etag = response.headers.get('ETag') ?? `"${compact.version}"`;
	await keepCatalog(compact, etag, checkedAt);
	const snapshot = expandCatalog(compact);
	const replaced = !!kept && kept.version !== snapshot.version;
	return { status: 'updated', replaced, snapshot, version: snapshot.version, checkedAt };
}

/** The copy the delta was asked from: the server made it for that version and no other. */
async function deltaBase(kept: KeptCatalog | null, delta: CatalogDelta): Promise<CompactCatalog> {
	const base = await kept?.read();
	if (!base || !isCompact(base) || base.version !== delta.from) {
		throw new Error('catalogue delta does not fit the device copy');
	}
	return base;
}

export async function storedCatalogInfo(): Promise<{ version: string; checkedAt: number } | null> {
	const kept = await keptCatalog();
	return kept ? { version: kept.version, checkedAt: kept.checkedAt } : null;
}

/**
 * Asks for a newer catalogue and reports what the device holds then, as the worker tells its
 * pages (or a page without a worker tells itself).
 */
export async function checkForNewCatalog(fetchFn: typeof fetch = fetch): Promise<CatalogChecked> {
	try {
		const result = await refreshCatalog(fetchFn);
		return {
			type: CATALOG_CHECKED,
			ok: true,
			updated: result.status === 'updated',
			replaced: result.replaced ?? false,
			version: result.version,
			checkedAt: result.checkedAt
		};
	} catch {
		// Offline or failing: report the copy the device still has.
		const stored = await storedCatalogInfo().catch(() => null);
		return {
			type: CATALOG_CHECKED,
			ok: false,
			updated: false,
			version: stored?.version ?? null,
			checkedAt: stored?.checkedAt ?? null
		};
	}
}
