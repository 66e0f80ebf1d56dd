import { invalidate } from '$app/navigation';
import { navigating, page } from '$app/state';
import { CATALOG_CHECKED, REFRESH_CATALOG, type CatalogChecked } from './catalog-messages';
import { latestCatalog } from './catalog-version';

/**
 * What the device knows of its catalogue copy, for the status line on every page. The service
 * worker checks the catalogue and reports its copy's version (so the page itself need not load
 * the device store for it); without a worker the page does it.
 */
class CatalogStatus {
	version = $state<string | null>(null);
	checkedAt = $state<number | null>(null);
	refreshing = $state(false);
	failed = $state(false);
	/** A newer catalogue replaced the device's copy while this page was open. */
	replaced = $state(false);

	init(): () => void {
		if (!('serviceWorker' in navigator)) return () => {};
		const onMessage = (event: MessageEvent) => {
			const data = event.data as CatalogChecked | undefined;
			if (data?.type === CATALOG_CHECKED) void this.#apply(data);
		};
		navigator.serviceWorker.addEventListener('message', onMessage);
		return () => navigator.serviceWorker.removeEventListener('message', onMessage);
	}

	/** Asks for a newer catalogue; pages that show it reload their data when it changed. */
	async refresh(): Promise<void> {
		if (this.refreshing) return;
		this.refreshing = true;
		setTimeout(() => (this.refreshing = false), 30_000);
		if ('serviceWorker' in navigator) {
			const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, 10_000));
			const registration = await Promise.race([navigator.serviceWorker.ready, timeout]);
			if (registration?.active) {
				registration.active.postMessage({ type: REFRESH_CATALOG });
				return;
			}
		}
		const { checkForNewCatalog } = await import('./catalog');
		await this.#apply(await checkForNewCatalog());
	}

	async #apply(result: CatalogChecked): Promise<void> {
		this.refreshing = false;
		this.failed = !result.ok;
		if (!result.version) return;
		this.version = latestCatalog.version = result.version;
		this.checkedAt = result.checkedAt;
		if (result.replaced) this.replaced = true;
		// Reload the page's data only when it shows another version, and never across a navigation
		// under way (that would cancel it; the page it opens reads the new copy anyway).
		const shown = (page.data as { version?: string }).version;
		if (result.updated && shown && shown !== result.version && !navigating.to) {
			await invalidate('app:catalog');
		}
	}
}

export const catalogStatus = new CatalogStatus();
