/**
 * Tells every page and the service worker that the outbox changed; small enough to load on
 * every page without the device store.
 */
import { DEVICE_DB_NAME, deviceStoreExists } from './store-exists';

const CHANNEL = 'ow-outbox';

/** Held while the outbox is being sent, by any tab or the service worker. */
export const FLUSH_LOCK = 'ow-outbox-flush';

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
 * Entries waiting in the outbox, those the server refused (they wait for the resident, not for a
 * connection), and applications with news the resident has not seen, read straight from
 * IndexedDB: the tab bar shows these on every page, and the device store's library need not load
 * for them.
 */
export async function countOutbox(): Promise<{ waiting: number; refused: number; unseen: number }> {
	const none = { waiting: 0, refused: 0, unseen: 0 };
	if (!(await deviceStoreExists())) return none;
	return new Promise((resolve) => {
		const open = indexedDB.open(DEVICE_DB_NAME);
		open.onerror = () => resolve(none);
		// Not created here: the device store makes it, with its schema, when it first opens.
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onsuccess = () => {
			const db = open.result;
			const count = (store: string, index: string, key: IDBValidKey) =>
				new Promise<number>((done) => {
					if (!db.objectStoreNames.contains(store)) return done(0);
					const source = db.transaction(store, 'readonly').objectStore(store);
					if (!source.indexNames.contains(index)) return done(0);
					const request = source.index(index).count(key);
					request.onsuccess = () => done(request.result);
					request.onerror = () => done(0);
				});
			void Promise.all([
				count('outbox', 'state', 'waiting'),
				count('outbox', 'state', 'rejected'),
				count('applications', 'unseen', 1)
			]).then(([waiting, refused, unseen]) => {
				db.close();
				resolve({ waiting, refused, unseen });
			});
		};
	});
}
