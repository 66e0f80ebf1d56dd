import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread that copies an SQLite file's log into the file, over a connection of its own. Run on
 * the process's own thread, a copy stalls every request for as long as it takes, its flushes to
 * disk included (about 9 ms each, every 200 ms, under a steady stream of writes).
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage(null);
	} catch (error) {
		parentPort.postMessage(String(error?.message ?? error));
	}
});
`;

export interface Checkpointer {
	/** Asks for a copy, unless one is under way or the last began less than `everyMs` ago. */
	request(): void;
	close(): Promise<void>;
}

/**
 * A checkpoint that neither waits for nor blocks the other processes' readers and writers
 * (`PASSIVE`): it copies what no reader still needs, and the log starts over once all of it is.
 * Should the thread fail to start or stop, the copies go on through `fallback` (the process's own
 * connection), as they would without a thread.
 */
export function startCheckpointer(
	file: string,
	everyMs: number,
	fallback: () => Promise<unknown>
): Checkpointer {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(SOURCE, { eval: true, workerData: { file, driver } });
	// The thread never keeps the process alive.
	worker.unref();
	let running = false;
	let closing = false;
	let alone = false;
	let last = performance.now();
	worker.on('message', (failure: string | null) => {
		running = false;
		// The log stays as it is until the next copy: nothing written is lost.
		if (failure) console.error('checkpoint failed', failure);
	});
	const stopped = (why: unknown) => {
		if (closing || alone) return;
		alone = true;
		running = false;
		console.error('checkpoint thread stopped; copying on the process’s own thread', why);
	};
	worker.on('error', stopped);
	worker.on('exit', (code) => stopped(`exit code ${code}`));
	return {
		request() {
			const now = performance.now();
			if (running || now - last < everyMs) return;
			running = true;
			last = now;
			if (!alone) return worker.postMessage(null);
			fallback()
				.catch((error: unknown) => console.error('checkpoint failed', error))
				.finally(() => (running = false));
		},
		close: async () => {
			closing = true;
			await worker.terminate();
		}
	};
}
