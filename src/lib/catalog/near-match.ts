/** A query prepared for finding it with one character wrong, or also missing or extra. */
export interface NearQuery {
	head: string;
	tail: string;
	/** 1 when a character may also be missing or extra, 0 when one may only be wrong. */
	slack: 0 | 1;
}

/** Splits a query of at least two characters in halves: one edit leaves one of them whole. */
export function nearQuery(text: string, slack: 0 | 1): NearQuery {
	const half = text.length >> 1;
	return { head: text.slice(0, half), tail: text.slice(half), slack };
}

/**
 * Whether `key` holds the query with at most one character wrong, missing or extra: anywhere, or
 * only where a word starts (at the key's start or after a space). Each place where the query's
 * first or second half occurs whole is checked, so a key without either costs two `indexOf`.
 */
export function nearMatch(key: string, near: NearQuery, anywhere: boolean): boolean {
	const { head, tail, slack } = near;
	for (let i = key.indexOf(head); i >= 0; i = key.indexOf(head, i + 1)) {
		if (!anywhere && !startsWord(key, i)) continue;
		const at = i + head.length;
		for (let length = tail.length - slack; length <= tail.length + slack; length++) {
			if (oneEditApart(key.slice(at, at + length), tail, slack)) return true;
		}
	}
	for (let i = key.indexOf(tail); i >= 0; i = key.indexOf(tail, i + 1)) {
		for (let from = i - head.length - slack; from <= i - head.length + slack; from++) {
			if (from < 0 || (!anywhere && !startsWord(key, from))) continue;
			if (oneEditApart(key.slice(from, i), head, slack)) return true;
		}
	}
	return false;
}

const startsWord = (key: string, i: number) => i === 0 || key[i - 1] === ' ';

/**
 * Whether `a` and `b` are equal but for at most one character changed, or also added or dropped
 * when `slack` is 1.
 */
export function oneEditApart(a: string, b: string, slack = 1): boolean {
	const d = a.length - b.length;
	if (d > slack || d < -slack) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (d === 0) return a.slice(i + 1) === b.slice(i + 1);
	return d > 0 ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
