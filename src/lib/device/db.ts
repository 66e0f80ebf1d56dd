import Dexie, { type EntityTable } from 'dexie';
import type { CatalogSnapshot } from '$lib/catalog/types';

export interface StoredCatalog {
	key: 'current';
	snapshot: CatalogSnapshot;
	etag: string;
	/** When the server last confirmed this copy (ms since epoch). */
	checkedAt: number;
}

/** Everything the device keeps, declared once. */
export class DeviceDb extends Dexie {
	catalog!: EntityTable<StoredCatalog, 'key'>;

	constructor() {
		super('one-window');
		this.version(1).stores({ catalog: '&key' });
	}
}

export const deviceDb = new DeviceDb();
