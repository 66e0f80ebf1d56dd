import Dexie, { type EntityTable } from 'dexie';
import type { CatalogSnapshot } from '$lib/catalog/types';

export interface StoredCatalog {
	key: 'current';
	snapshot: CatalogSnapshot;
	etag: string;
	/** When the server last confirmed this copy (ms since epoch). */
	checkedAt: number;
}

export interface KnownSlot {
	start: string;
	end: string;
	capacity: number;
	remaining: number;
}

/** The last free-place figures fetched for a point and matter, shown offline with their age. */
export interface StoredSlots {
	key: string;
	pointId: string;
	matterId: string;
	fetchedAt: number;
	slots: KnownSlot[];
}

export const slotKey = (pointId: string, matterId: string) => `${pointId}|${matterId}`;

/** Everything the device keeps, declared once. */
export class DeviceDb extends Dexie {
	catalog!: EntityTable<StoredCatalog, 'key'>;
	slots!: EntityTable<StoredSlots, 'key'>;

	constructor() {
		super('one-window');
		this.version(1).stores({ catalog: '&key' });
		this.version(2).stores({ slots: '&key, fetchedAt' });
	}
}

export const deviceDb = new DeviceDb();
