/**
 * The primary process's side of the write turns (`write-turns.ts`): one process at a time holds
 * the turn to write to SQLite; the others wait for it first come first served. A process that
 * ended holds no turn and waits for none, so a crash while writing does not stop the others.
 * @template Worker
 */
export class WriteTurnQueue {
	/** @type {{ worker: Worker, id: number } | null} */
	#turn = null;
	/** @type {{ worker: Worker, id: number }[]} */
	#waiting = [];
	#give;
	#alive;

	/**
	 * @param {(worker: Worker, id: number) => void} give tells a process its turn has come
	 * @param {(worker: Worker) => boolean} alive whether a process can still be told
	 */
	constructor(give, alive) {
		this.#give = give;
		this.#alive = alive;
	}

	/** @param {Worker} worker @param {number} id */
	ask(worker, id) {
		this.#waiting.push({ worker, id });
		this.#next();
	}

	/** @param {Worker} worker @param {number} id */
	done(worker, id) {
		if (this.#turn?.worker !== worker || this.#turn.id !== id) return;
		this.#turn = null;
		this.#next();
	}

	/** @param {Worker} worker */
	gone(worker) {
		this.#waiting = this.#waiting.filter((t) => t.worker !== worker);
		if (this.#turn?.worker === worker) this.#turn = null;
		this.#next();
	}

	#next() {
		while (!this.#turn && this.#waiting.length) {
			const next = /** @type {{ worker: Worker, id: number }} */ (this.#waiting.shift());
			if (!this.#alive(next.worker)) continue;
			this.#turn = next;
			this.#give(next.worker, next.id);
		}
	}
}
