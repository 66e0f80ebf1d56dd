import { buildSearchIndex, type SearchIndex } from '$lib/catalog/search';

/** The search index over the device's catalogue, built once a page needs it. */
class DeviceSearch {
	index = $state.raw<SearchIndex | null>(null);
	failed = $state(false);
	#version: string | null = null;

	async load(): Promise<void> {
		try {
			const { deviceCatalog } = await import('./catalog');
			const catalog = await deviceCatalog();
			if (catalog.version !== this.#version) {
				this.index = buildSearchIndex(catalog);
				this.#version = catalog.version;
			}
			this.failed = false;
		} catch {
			this.failed = true;
		}
	}
}

export const deviceSearch = new DeviceSearch();
