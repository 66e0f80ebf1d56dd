import type { Kysely } from 'kysely';
import { sweepBlobs } from './blobs/store';
import type { Database } from './db/schema';

const HOUR = 3_600_000;

/** Housekeeping every server process runs: at start, then hourly (each step is safe to repeat). */
export function startMaintenance(db: Kysely<Database>): void {
	const run = () => {
		sweepBlobs(db).catch((error: unknown) => console.error('photo clean-up failed', error));
	};
	run();
	setInterval(run, HOUR).unref();
}
