import { browser } from '$app/environment';
import type { CatalogView, CatalogViewName } from './views';

let hydrated = false;

/** Called once the first page is up: from then on, views come from the device's own copy. */
export function markHydrated(): void {
	hydrated = true;
}

/**
 * A page's view of the catalogue. On the server, and while the browser takes over a server-rendered
 * page (when Kit answers the same request from the data inlined in the page), it comes from
 * `/api/catalog/views/…`; otherwise from the device's copy, so pages render with no network.
 */
export async function catalogView<N extends CatalogViewName>(
	fetchFn: typeof fetch,
	name: N,
	params: Record<string, string> = {}
): Promise<CatalogView<N>> {
	if (browser && hydrated) return fromDevice(fetchFn, name, params);
	const url = `/api/catalog/views/${name}?${new URLSearchParams(params)}`;
	try {
		const response = await fetchFn(url);
		if (response.ok) return (await response.json()) as CatalogView<N>;
		// What the view names does not exist: the view's own answer for that.
		if (response.status === 404) return null as CatalogView<N>;
		if (!browser) throw new Error(`catalogue view ${name} failed: ${response.status}`);
	} catch (error) {
		if (!browser) throw error;
	}
	return fromDevice(fetchFn, name, params);
}

async function fromDevice<N extends CatalogViewName>(
	fetchFn: typeof fetch,
	name: N,
	params: Record<string, string>
): Promise<CatalogView<N>> {
	// Loaded with the device's copy: a first visit renders from the server's answer alone.
	const [{ deviceCatalog }, { runCatalogView }] = await Promise.all([
		import('$lib/device/catalog'),
		import('./views')
	]);
	return runCatalogView(name, await deviceCatalog(fetchFn), params);
}
