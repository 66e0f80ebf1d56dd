import type { SearchFilters, SearchIndex, SearchResult } from '$lib/catalog/search';

type Search = typeof import('$lib/catalog/search').search;
type SoundOf = typeof import('$lib/catalog/sound-of').soundOf;

/**
 * The search over the device's catalogue. Its code and index load when the resident starts a
 * search, not with the page: browsing the categories needs neither.
 */
class DeviceSearch {
	#engine = $state.raw<{ index: SearchIndex; search: Search; soundOf: SoundOf } | null>(null);
	failed = $state(false);
	#version: string | null = null;

	/** The results, or null until the index is ready. */
	find(query: string, filters: SearchFilters, limit: number): SearchResult | null {
		const engine = this.#engine;
		return engine && engine.search(engine.index, query, filters, limit, engine.soundOf);
	}

	async load(): Promise<void> {
		try {
			const [{ deviceCatalog }, { buildSearchIndex, search }, { soundOf }] = await Promise.all([
				import('./catalog'),
				import('$lib/catalog/search'),
				import('$lib/catalog/sound-of')
			]);
			const catalog = await deviceCatalog();
			if (catalog.version !== this.#version) {
				this.#engine = { index: buildSearchIndex(catalog), search, soundOf };
				this.#version = catalog.version;
			}
			this.failed = false;
		} catch {
			this.failed = true;
		}
	}
}

export const deviceSearch = new DeviceSearch();
