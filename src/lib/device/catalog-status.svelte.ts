import { invalidate } from '$app/navigation';

/** What the device knows of its catalogue copy, for the status line on every page. */
class CatalogStatus {
	version = $state<string | null>(null);
	checkedAt = $state<number | null>(null);
	refreshing = $state(false);
	failed = $state(false);

	async load(): Promise<void> {
		const { storedCatalogInfo } = await import('./catalog');
		const info = await storedCatalogInfo();
		this.version = info?.version ?? null;
		this.checkedAt = info?.checkedAt ?? null;
	}

	/** Asks the server for a newer catalogue; pages that show it reload their data when it changed. */
	async refresh(): Promise<void> {
		if (this.refreshing) return;
		this.refreshing = true;
		try {
			const { refreshCatalog } = await import('./catalog');
			const result = await refreshCatalog();
			this.failed = false;
			this.checkedAt = result.checkedAt;
			if (result.snapshot) {
				const changed = this.version !== null && this.version !== result.snapshot.version;
				this.version = result.snapshot.version;
				if (changed) await invalidate('app:catalog');
			}
		} catch {
			this.failed = true;
		} finally {
			this.refreshing = false;
		}
	}
}

export const catalogStatus = new CatalogStatus();
