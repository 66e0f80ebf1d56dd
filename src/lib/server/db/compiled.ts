import type { CompiledQuery, Compilable } from 'kysely';
import type { DatabaseKind } from './connect';
import type { Tx } from './transaction';

const MARK = '\u0000param:';

/**
 * A query built and compiled by Kysely once per database kind, then run with new values: for the
 * statements every op runs, where building the query costs as much as running it. `build` must put
 * each of `params` straight into the query as a value (no logic on them); it is called once, with
 * markers in their place, to learn where each value goes.
 */
export function compiledOnce<P extends Record<string, unknown>, R>(
	build: (db: Tx, params: P) => Compilable<R>
) {
	const cache = new Map<DatabaseKind, { query: CompiledQuery<R>; slots: (string | [unknown])[] }>();
	return (db: Tx, kind: DatabaseKind, params: P) => {
		let entry = cache.get(kind);
		if (!entry) {
			const markers = new Proxy({} as P, { get: (_, key) => `${MARK}${String(key)}` });
			const query = build(db, markers).compile();
			const slots = query.parameters.map((value): string | [unknown] =>
				typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : [value]
			);
			entry = { query, slots };
			cache.set(kind, entry);
		}
		const parameters = entry.slots.map((slot) =>
			typeof slot === 'string' ? params[slot] : slot[0]
		);
		return db.executeQuery<R>({ ...entry.query, parameters });
	};
}
