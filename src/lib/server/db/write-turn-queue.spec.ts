import { describe, expect, it } from 'vitest';
import { WriteTurnQueue } from './write-turn-queue.js';

function processes() {
	const given: string[] = [];
	const ended = new Set<string>();
	const queue = new WriteTurnQueue<string>(
		(worker, id) => given.push(`${worker}#${id}`),
		(worker) => !ended.has(worker)
	);
	return { queue, given, ended };
}

describe('turns to write, given by the primary process', () => {
	it('gives one turn at a time, first come first served', () => {
		const { queue, given } = processes();
		queue.ask('a', 1);
		queue.ask('b', 1);
		queue.ask('a', 2);
		expect(given).toEqual(['a#1']);
		queue.done('a', 1);
		expect(given).toEqual(['a#1', 'b#1']);
		queue.done('b', 1);
		expect(given).toEqual(['a#1', 'b#1', 'a#2']);
	});

	it('passes the turn on when the process holding it ends without handing it back', () => {
		const { queue, given, ended } = processes();
		queue.ask('a', 1);
		queue.ask('b', 1);
		ended.add('a');
		queue.gone('a');
		expect(given).toEqual(['a#1', 'b#1']);
	});

	it('forgets what an ended process waited for, and skips one that can no longer be told', () => {
		const { queue, given, ended } = processes();
		queue.ask('a', 1);
		queue.ask('b', 1);
		queue.ask('c', 1);
		queue.ask('d', 1);
		queue.gone('b');
		ended.add('c'); // its exit not yet reported
		queue.done('a', 1);
		expect(given).toEqual(['a#1', 'd#1']);
	});

	it('ignores a hand-back that is not of the turn being held', () => {
		const { queue, given } = processes();
		queue.ask('a', 1);
		queue.ask('b', 1);
		queue.done('b', 1);
		queue.done('a', 2);
		expect(given).toEqual(['a#1']);
		queue.done('a', 1);
		expect(given).toEqual(['a#1', 'b#1']);
	});
});
