import { PostgresAdapter, type CompiledQuery, type Compilable } from 'kysely';
import type { DatabaseKind } from './connect';
import { prepareOnce } from './prepared';
import { runCompiled } from './run-compiled';
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
	/** The statement with these values, to run now or with others (`writeTogether`). */
	const query = (db: Tx, kind: DatabaseKind, params: P): CompiledQuery<R> => {
		let entry = cache.get(kind);
		if (!entry) {
			const markers = new Proxy({} as P, { get: (_, key) => `${MARK}${String(key)}` });
			const compiled = build(db, markers).compile();
			const slots = compiled.parameters.map((value): string | [unknown] =>
				typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : [value]
			);
			entry = { query: compiled, slots };
			prepareOnce(compiled.sql);
			cache.set(kind, entry);
		}
		const parameters = entry.slots.map((slot) =>
			typeof slot === 'string' ? params[slot] : slot[0]
		);
		return { ...entry.query, parameters };
	};
	const run = (db: Tx, kind: DatabaseKind, params: P) =>
		runCompiled<R>(db, query(db, kind, params));
	return Object.assign(run, { query });
}

/** The kind of database a transaction or connection is on, for a caller not told it. */
export const kindOf = (db: Tx): DatabaseKind =>
	db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
