import { deviceCatalog, deviceHasCatalog } from '$lib/device/catalog';
import { runCatalogView, type CatalogView, type CatalogViewName } from './views';

/**
 * A page's view from the device's copy, loaded apart so a first visit renders from the server's
 * answer alone. With `server`, the server's view stands in: first while the device has no copy yet
 * (a view is a few kilobytes, the copy far more), and whenever the copy cannot be read.
 */
export async function deviceView<N extends CatalogViewName>(
	fetchFn: typeof fetch,
	name: N,
	params: Record<string, string>,
	server?: () => Promise<CatalogView<N>>
): Promise<CatalogView<N>> {
	const device = async () => runCatalogView(name, await deviceCatalog(fetchFn), params);
	if (!server) return device();
	if (!(await deviceHasCatalog())) return server().catch(device);
	return device().catch((error: unknown) => server().catch(() => Promise.reject(error)));
}
