import cluster from 'node:cluster';

/**
 * SQLite has one writer at a time. When the server runs several processes on one file, a process
 * that finds the file locked waits inside SQLite, which sleeps the whole process (up to 100 ms a
 * time, and longer the more often it finds the lock taken): every request it serves stalls, reads
 * too, while the busier process keeps the lock. Instead, the processes take turns to write, given
 * by the primary process (`server.js`) first come first served, and wait for them without
 * blocking. A process whose turn it is runs the write transactions it has waiting, up to
 * `PASSES_PER_TURN`, before it hands the turn back. SQLite's own lock still guards the file;
 * turns only order who tries.
 */

const PASSES_PER_TURN = 16;
/** Longer than any write transaction; past it, the transactions waiting go ahead regardless. */
const TURN_WAIT_MS = 5000;

const waiting: (() => void)[] = [];
/** The turn asked of the primary and not yet given, or null. */
let asked: { id: number; timer: NodeJS.Timeout } | null = null;
/** The turn this process holds, or null. */
let held: number | null = null;
let passes = 0;
let nextId = 1;
let listening = false;

function send(message: { type: string; id: number }) {
	if (process.connected) process.send?.(message);
}

function ask() {
	const id = nextId++;
	// Should the primary not answer, the turn is taken as given: SQLite's lock still holds.
	asked = { id, timer: setTimeout(() => start(id), TURN_WAIT_MS) };
	send({ type: 'ow-write-turn', id });
}

function start(id: number) {
	if (asked?.id !== id) {
		// A turn given after it was no longer awaited goes straight back.
		send({ type: 'ow-write-done', id });
		return;
	}
	clearTimeout(asked.timer);
	asked = null;
	held = id;
	passes = 0;
	waiting.shift()?.();
}

function handOn() {
	if (waiting.length && ++passes < PASSES_PER_TURN) {
		waiting.shift()!();
		return;
	}
	send({ type: 'ow-write-done', id: held! });
	held = null;
	if (waiting.length) ask();
}

function onMessage(message: unknown) {
	const m = message as { type?: string; id?: number } | null;
	if (m?.type === 'ow-write-turn' && typeof m.id === 'number') start(m.id);
}

/** Whether this process holds the turn to write (it passes it on among its own writers). */
export const holdsWriteTurn = (): boolean => held !== null;

/** Waits for this process's turn to write; the function returned ends it. */
export async function takeWriteTurn(): Promise<() => void> {
	if (!cluster.isWorker || !process.send) return () => {};
	if (!listening) {
		process.on('message', onMessage);
		listening = true;
	}
	await new Promise<void>((resolve) => {
		waiting.push(resolve);
		if (held === null && !asked) ask();
	});
	let ended = false;
	return () => {
		if (ended) return;
		ended = true;
		handOn();
	};
}
