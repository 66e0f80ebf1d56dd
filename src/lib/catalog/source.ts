import { browser } from '$app/environment';
import type { CatalogSnapshot } from './types';

type Provider = () => Promise<CatalogSnapshot>;

let serverProvider: Provider | undefined;

/** Set once by the server at start-up; the catalogue is the same for every reader. */
export function provideServerCatalog(provider: Provider): void {
	serverProvider = provider;
}

/**
 * The catalogue for a page's load: the server's own when rendering there, the device's copy in the
 * browser, so pages render with no network once the app has been opened.
 */
export async function getCatalog(fetchFn: typeof fetch): Promise<CatalogSnapshot> {
	if (browser) {
		const { deviceCatalog } = await import('$lib/device/catalog');
		return deviceCatalog(fetchFn);
	}
	if (!serverProvider) throw new Error('the server has not provided its catalogue');
	return serverProvider();
}
