import type { Kysely } from 'kysely';
import { pruneSignInAttempts } from './auth/sign-in';
import { sweepBlobs } from './blobs/store';
import type { Database } from './db/schema';
import type { Connection } from './db/connect';
import { foldFigures } from './figures/fold';
import { sweepMissedBookings } from './figures/missed';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Housekeeping every server process runs: at start, then hourly (each step is safe to repeat). */
export function startMaintenance(db: Kysely<Database>, conn?: Connection): void {
	const run = () => {
		sweepBlobs(db).catch((error: unknown) => console.error('photo clean-up failed', error));
		pruneSignInAttempts(db).catch((error: unknown) =>
			console.error('sign-in failures clean-up failed', error)
		);
		if (conn) {
			sweepMissedBookings(conn).catch((error: unknown) =>
				console.error('no-show count failed', error)
			);
		}
	};
	run();
	setInterval(run, HOUR).unref();
	if (conn) {
		// The figures' pending deltas into their daily rows: readers add both, this keeps them few.
		setInterval(() => {
			foldFigures(conn).catch((error: unknown) => console.error('figures fold failed', error));
		}, MINUTE).unref();
	}
}
