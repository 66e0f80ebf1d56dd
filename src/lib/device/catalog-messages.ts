/** Messages between pages and the service worker, which keeps the device's catalogue current. */
export const REFRESH_CATALOG = 'catalog:refresh';
export const CATALOG_CHECKED = 'catalog:checked';

export interface CatalogChecked {
	type: typeof CATALOG_CHECKED;
	ok: boolean;
	/** The device's copy was replaced by a newer one. */
	updated: boolean;
	/** A copy the device had was replaced (not its first download): the reader is told. */
	replaced?: boolean;
	version: string | null;
	checkedAt: number | null;
}
