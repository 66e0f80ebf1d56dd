import { CompiledQuery } from 'kysely';
import type { DatabaseKind } from './connect';
import { isPrepared, prepareOnce } from './prepared';
import { runCompiled } from './run-compiled';
import type { Tx } from './transaction';

/**
 * Runs writes whose results nobody reads (inserts, updates without `returning`). On PostgreSQL
 * they go as one statement, each but the last a data-modifying `with` part: one round trip to the
 * server instead of one each, which is what a write costs there. Such parts run in no set order
 * and all see the database as it was before the statement: none may depend on another's effect,
 * nor two take numbers from one sequence whose order matters. On SQLite, which is in the process,
 * they run one after another.
 */
export async function writeTogether(
	tx: Tx,
	kind: DatabaseKind,
	writes: CompiledQuery[]
): Promise<void> {
	if (kind === 'sqlite' || writes.length <= 1) {
		for (const write of writes) await runCompiled(tx, write);
		return;
	}
	await tx.executeQuery(joined(writes));
}

/** The writes as one statement, each one's `$n` placeholders moved past those of the ones before. */
function joined(writes: CompiledQuery[]): CompiledQuery {
	const parameters: unknown[] = [];
	const parts = writes.map((write) => {
		const offset = parameters.length;
		parameters.push(...write.parameters);
		// The statements given here put every value in a placeholder: `$` and digits are one.
		return write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
	});
	const last = parts.pop()!;
	const withs = parts.map((part, i) => `"w${i}" as (${part})`).join(', ');
	const sql = `with ${withs} ${last}`;
	// A join of prepared statements is itself one of a fixed set: prepared too.
	if (writes.every((write) => isPrepared(write.sql))) prepareOnce(sql);
	return CompiledQuery.raw(sql, parameters);
}
