import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The statements every op runs, by their names: prepared once per PostgreSQL connection. */
const names = new Map<string, string>();

/**
 * Marks a statement's text as one to prepare. Only texts of a fixed, small set belong here (those
 * of `compiledOnce`, their joins, reads of a short list): each stays prepared in every connection
 * for its lifetime. A prepared `select *` fails once its table gains a column: such statements
 * name their columns.
 */
export function prepareOnce(sql: string): void {
	if (!names.has(sql)) names.set(sql, createHash('sha256').update(sql).digest('base64url'));
}

export const isPrepared = (sql: string): boolean => names.has(sql);

/**
 * Makes a new connection's queries with a marked text go as a named statement: the server parses
 * it on its first use in the connection and later only binds and runs it (parsing was about a
 * third of a small write's time on the server).
 */
export function preparingMarked(client: pg.PoolClient): void {
	const query = client.query.bind(client) as (...args: unknown[]) => unknown;
	(client as unknown as { query: (...args: unknown[]) => unknown }).query = (
		config: unknown,
		values?: unknown,
		callback?: unknown
	) => {
		const name = typeof config === 'string' && Array.isArray(values) && names.get(config);
		return name ? query({ name, text: config, values }, callback) : query(config, values, callback);
	};
}
