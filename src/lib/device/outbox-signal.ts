/**
 * Tells every page and the service worker that the outbox changed; small enough to load on
 * every page without the device store.
 */
const CHANNEL = 'ow-outbox';

export function announceOutboxChange(): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage('changed');
	channel.close();
}

export function onOutboxChange(listener: () => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = listener;
	return () => channel.close();
}

/**
 * Entries waiting in the outbox, read straight from IndexedDB: the header shows this on every
 * page, and the device store's library need not load for it.
 */
export async function countOutbox(): Promise<number> {
	if (typeof indexedDB === 'undefined') return 0;
	if ('databases' in indexedDB) {
		const names = (await indexedDB.databases()).map((d) => d.name);
		if (!names.includes('one-window')) return 0;
	}
	return new Promise((resolve) => {
		const open = indexedDB.open('one-window');
		open.onerror = () => resolve(0);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('outbox')) {
				db.close();
				resolve(0);
				return;
			}
			const request = db.transaction('outbox', 'readonly').objectStore('outbox').count();
			request.onsuccess = () => {
				resolve(request.result);
				db.close();
			};
			request.onerror = () => {
				resolve(0);
				db.close();
			};
		};
	});
}
