import { tr } from '$lib/i18n';
import type { CatalogView } from './views';

/**
 * What an application is for, as the phone's lists name it: its bundle (一件事), else its matter;
 * the matter's id while the catalogue is not read.
 */
export function applicationName(
	catalog: CatalogView<'browse'> | null | undefined,
	app: { matterId: string; bundleId: string | null }
): string {
	if (!catalog) return app.matterId;
	const bundle = app.bundleId ? catalog.bundles.find((b) => b.id === app.bundleId) : null;
	const matter = catalog.matters.find((x) => x.id === app.matterId);
	return bundle ? tr(bundle.name) : matter ? tr(matter.name) : app.matterId;
}
