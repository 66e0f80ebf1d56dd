import cluster from 'node:cluster';

type Listener = (topic: string, data: string) => void;
const listeners = new Set<Listener>();

/**
 * Tells every other process of this server (`server.js` runs one per CPU core) of a live event,
 * through the primary process; a single process has no one to tell. PostgreSQL's LISTEN/NOTIFY
 * reaches other servers too, so this is for what only SQLite's processes share.
 */
export function broadcast(topic: string, data: string): void {
	if (cluster.isWorker && process.send) process.send({ type: 'ow-broadcast', topic, data });
}

/** Calls `fn` for each event another process of this server broadcast. */
export function onBroadcast(fn: Listener): () => void {
	if (!listeners.size && cluster.isWorker) process.on('message', relay);
	listeners.add(fn);
	return () => {
		listeners.delete(fn);
		if (!listeners.size) process.off('message', relay);
	};
}

function relay(message: unknown) {
	const m = message as { type?: string; topic?: string; data?: string } | null;
	if (m?.type !== 'ow-broadcast' || !m.topic || typeof m.data !== 'string') return;
	for (const fn of listeners) fn(m.topic, m.data);
}
