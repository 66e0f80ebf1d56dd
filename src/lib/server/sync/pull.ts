import { sql, type Kysely } from 'kysely';
import { compiledOnce, kindOf } from '../db/compiled';
import type { Database } from '../db/schema';
import { applicationStates, type ApplicationState } from './reply';

const PAGE = 200;

/**
 * A page of this device's changes after the cursor, then a row with the server's last change
 * (no application): one round trip, also when nothing is new, the most common pull.
 */
const changesAfter = compiledOnce((db, p: { deviceId: string; since: number; limit: number }) =>
	db
		.selectFrom(
			db
				.selectFrom('changes')
				.select(['seq', 'application_id'])
				.where('device_id', '=', p.deviceId)
				.where('seq', '>', p.since)
				.orderBy('seq')
				.limit(p.limit)
				.as('page')
		)
		.select([
			'page.seq',
			(eb) => eb.ref('page.application_id').$castTo<string | null>().as('application_id')
		])
		.unionAll(
			db
				.selectFrom('changes')
				.select((eb) => [eb.fn.max('seq').as('seq'), sql<string | null>`null`.as('application_id')])
		)
);

/** This device's application changes after `since`, in server sequence order, and the next cursor. */
export async function pullChanges(
	db: Kysely<Database>,
	deviceId: string,
	since: number
): Promise<{ cursor: number; more: boolean; changes: (ApplicationState & { seq: number })[] }> {
	const found = (await changesAfter(db, kindOf(db), { deviceId, since, limit: PAGE + 1 })).rows;
	const last = Number(found.find((r) => r.application_id === null)?.seq ?? 0);
	const rows = found
		.filter((r): r is { seq: number; application_id: string } => r.application_id !== null)
		.sort((a, b) => a.seq - b.seq);
	const page = rows.slice(0, PAGE);
	// A cursor past the server's last change (a database restored from a copy, a device astray)
	// comes back as the last change: kept, it would pass over the changes made from now on.
	const cursor = page.at(-1)?.seq ?? Math.min(since, last);
	// Several changes of one application in a page: its latest state once, at its last sequence.
	const lastSeq = new Map<string, number>();
	for (const r of page) lastSeq.set(r.application_id, r.seq);
	const states = await applicationStates(db, [...lastSeq.keys()]);
	return {
		cursor,
		more: rows.length > PAGE,
		changes: states
			.map((s) => ({ ...s, seq: lastSeq.get(s.applicationId)! }))
			.sort((a, b) => a.seq - b.seq)
	};
}
