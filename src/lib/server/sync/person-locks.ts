import { sql } from 'kysely';
import type { Tx } from '../db/transaction';
import type { CheckedSubmit } from './submit';

/** The person and matter a checked submit would give an application to, or nothing. */
export function personMatterOf(checked: unknown): string[] {
	const submit = checked as CheckedSubmit | undefined;
	return submit && 'applicant' in submit
		? [`${submit.applicant.idNumber} ${submit.p.matterId}`]
		: [];
}

/**
 * PostgreSQL: makes transactions submitting for one person and matter take turns, until they end.
 * Without it two of them could each find no active application and both insert one: a booked time
 * is kept single by a unique index, but an application waiting for a time is not (see migration
 * 022). Each lock is taken in one order, so two requests cannot wait on each other.
 */
export async function lockPersonMatters(tx: Tx, keys: string[]): Promise<void> {
	if (!keys.length) return;
	await sql`select pg_advisory_xact_lock(key) from (
		select distinct hashtextextended(k, 0) as key from unnest(${keys}::text[]) as k order by key offset 0
	) as ordered`.execute(tx);
}
