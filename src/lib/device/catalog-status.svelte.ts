import { invalidate } from '$app/navigation';
import { CATALOG_CHECKED, REFRESH_CATALOG, type CatalogChecked } from './catalog-messages';
import { latestCatalog } from './catalog-version';

/**
 * What the device knows of its catalogue copy, for the status line on every page. The service
 * worker does the refreshing (so the page itself never loads the device store for it); without
 * a worker the page does it.
 */
class CatalogStatus {
	version = $state<string | null>(null);
	checkedAt = $state<number | null>(null);
	refreshing = $state(false);
	failed = $state(false);

	init(): () => void {
		if (!('serviceWorker' in navigator)) return () => {};
		const onMessage = (event: MessageEvent) => {
			const data = event.data as CatalogChecked | undefined;
			if (data?.type === CATALOG_CHECKED) void this.#apply(data);
		};
		navigator.serviceWorker.addEventListener('message', onMessage);
		return () => navigator.serviceWorker.removeEventListener('message', onMessage);
	}

	/** Reads what is stored, without opening the device store when there is none yet. */
	async load(): Promise<void> {
		if ('databases' in indexedDB) {
			const names = (await indexedDB.databases()).map((d) => d.name);
			if (!names.includes('one-window')) return;
		}
		const { storedCatalogInfo } = await import('./catalog');
		const info = await storedCatalogInfo();
		if (info && !this.version) {
			this.version = latestCatalog.version = info.version;
			this.checkedAt = info.checkedAt;
		}
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
		try {
			const { refreshCatalog } = await import('./catalog');
			const result = await refreshCatalog();
			await this.#apply({ type: CATALOG_CHECKED, ok: true, ...result });
		} catch {
			await this.#apply({ type: CATALOG_CHECKED, ok: false, version: null, checkedAt: null });
		}
	}

	async #apply(result: CatalogChecked): Promise<void> {
		this.refreshing = false;
		this.failed = !result.ok;
		if (!result.ok || !result.version) return;
		const changed = this.version !== null && this.version !== result.version;
		this.version = latestCatalog.version = result.version;
		this.checkedAt = result.checkedAt;
		if (changed) await invalidate('app:catalog');
	}
}

export const catalogStatus = new CatalogStatus();
