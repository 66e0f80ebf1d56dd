/** The name of the device's IndexedDB database (declared with its tables in `db.ts`). */
export const DEVICE_DB_NAME = 'one-window';

/**
 * Whether this device has ever stored anything: if not, nothing can be read from it, and the
 * database library need not load to find that out (a first visit). True where the browser cannot
 * tell (no `indexedDB.databases()`).
 */
export async function deviceStoreExists(): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	if (!('databases' in indexedDB)) return true;
	try {
		return (await indexedDB.databases()).some((d) => d.name === DEVICE_DB_NAME);
	} catch {
		return true;
	}
}
