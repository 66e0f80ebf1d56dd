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
 * `/api/catalog/views/…`, with the device's copy standing in offline; from then on, from the
 * device's copy, so pages render with no network (see `deviceView` for when the server stands in).
 */
export async function catalogView<N extends CatalogViewName>(
	fetchFn: typeof fetch,
	name: N,
	params: Record<string, string> = {}
): Promise<CatalogView<N>> {
	const server = async () => {
		const response = await fetchFn(`/api/catalog/views/${name}?${new URLSearchParams(params)}`);
		// What the view names does not exist: the view's own answer for that.
		if (response.status === 404) return null as CatalogView<N>;
		if (!response.ok) throw new Error(`catalogue view ${name} failed: ${response.status}`);
		return (await response.json()) as CatalogView<N>;
	};
	if (!browser) return server();
	const device = async (standIn?: typeof server) =>
		(await import('./device-view')).deviceView(fetchFn, name, params, standIn);
	return hydrated ? device(server) : server().catch(() => device());
}
