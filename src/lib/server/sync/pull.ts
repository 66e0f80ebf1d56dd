import type { Kysely } from 'kysely';
import { compiledOnce, kindOf } from '../db/compiled';
import type { Database } from '../db/schema';
import { applicationStates, type ApplicationState } from './reply';

const PAGE = 200;

const changesAfter = compiledOnce((db, p: { deviceId: string; since: number; limit: number }) =>
	db
		.selectFrom('changes')
		.select(['seq', 'application_id'])
		.where('device_id', '=', p.deviceId)
		.where('seq', '>', p.since)
		.orderBy('seq')
		.limit(p.limit)
);

const lastChange = compiledOnce((db) =>
	db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('seq'))
);

/** This device's application changes after `since`, in server sequence order, and the next cursor. */
export async function pullChanges(
	db: Kysely<Database>,
	deviceId: string,
	since: number
): Promise<{ cursor: number; more: boolean; changes: (ApplicationState & { seq: number })[] }> {
	const { rows } = await changesAfter(db, kindOf(db), { deviceId, since, limit: PAGE + 1 });
	const page = rows.slice(0, PAGE);
	// A cursor past the server's last change (a database restored from a copy, a device astray)
	// comes back as the last change: kept, it would pass over the changes made from now on.
	const cursor =
		page.at(-1)?.seq ??
		Math.min(since, Number((await lastChange(db, kindOf(db), {})).rows[0]?.seq ?? 0));
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
