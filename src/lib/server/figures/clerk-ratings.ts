import { sql } from 'kysely';
import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';
import { bulkInsert, type ColumnType } from '../seed/bulk-insert';
import { serviceClock } from '$lib/time';

/** The matter of the rows that sum every matter: a view with no matter filter reads only those. */
export const ALL_MATTERS = '';
export const STAR_COLUMNS = ['rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5'] as const;
export type StarCounts = [number, number, number, number, number];

export interface ClerkRatingKey {
	day: string;
	pointId: string;
	matterId: string;
	/** The user who completed the application; '' when the audit log names nobody. */
	clerkId: string;
}

const validStars = (stars: number) => Number.isInteger(stars) && stars >= 1 && stars <= 5;

/** Who completed the application, by its audit log entry. */
export async function clerkOfCompletion(tx: Tx, applicationId: string): Promise<string> {
	const row = await tx
		.selectFrom('audit_log')
		.select('user_id')
		.where('application_id', '=', applicationId)
		.where('action', '=', 'complete')
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.user_id ?? '';
}

/**
 * Adds a rating to its clerk's rows, in the rating's transaction: an upsert of the matter's row and
 * of the all-matters row, always in that order (two ratings never wait on each other crosswise).
 * A clerk's ratings come one at a time from residents' phones, so the rows are seldom contended.
 */
export async function addClerkRating(tx: Tx, key: ClerkRatingKey, stars: number): Promise<void> {
	if (!validStars(stars)) return;
	const column = STAR_COLUMNS[stars - 1]!;
	for (const matterId of [key.matterId, ALL_MATTERS]) {
		await tx
			.insertInto('clerk_ratings')
			.values({
				matter_id: matterId,
				day: key.day,
				point_id: key.pointId,
				clerk_id: key.clerkId,
				[column]: 1
			})
			.onConflict((oc) =>
				oc
					.columns(['matter_id', 'day', 'point_id', 'clerk_id'])
					.doUpdateSet({ [column]: sql`${sql.ref(`clerk_ratings.${column}`)} + 1` })
			)
			.execute();
	}
}

/** Ratings per clerk summed in memory, then written as rows: for the rebuild and the history. */
export class ClerkRatingSums {
	readonly rows = new Map<string, StarCounts>();

	add(key: ClerkRatingKey, stars: number): void {
		if (!validStars(stars)) return;
		for (const matterId of [key.matterId, ALL_MATTERS]) {
			const k = [matterId, key.day, key.pointId, key.clerkId].join('\u0000');
			let acc = this.rows.get(k);
			if (!acc) this.rows.set(k, (acc = [0, 0, 0, 0, 0]));
			acc[stars - 1]!++;
		}
	}

	/** Writes the sums in key order (the table expected empty). */
	async write(tx: Tx, kind: DatabaseKind): Promise<void> {
		const columns: Record<string, ColumnType> = {
			matter_id: 'text',
			day: 'text',
			point_id: 'text',
			clerk_id: 'text'
		};
		for (const c of STAR_COLUMNS) columns[c] = 'int';
		const rows = [...this.rows.entries()]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([k, counts]) => {
				const [matter_id, day, point_id, clerk_id] = k.split('\u0000');
				const row: Record<string, unknown> = { matter_id, day, point_id, clerk_id };
				STAR_COLUMNS.forEach((c, i) => (row[c] = counts[i]));
				return row;
			});
		await bulkInsert(tx, kind, 'clerk_ratings', columns, rows);
	}
}

const PAGE = 20_000;

/**
 * Works the ratings per clerk out again from the records: each rated application, the day of its
 * rating and the clerk of its completion in the audit log. Returns the number of rows.
 */
export async function rebuildClerkRatings(tx: Tx, kind: DatabaseKind): Promise<number> {
	await tx.deleteFrom('clerk_ratings').execute();
	const sums = new ClerkRatingSums();
	for (let after = ''; ;) {
		const rated = await tx
			.selectFrom('applications as a')
			.select(['a.id', 'a.point_id', 'a.matter_id', 'a.rating', 'a.updated_at'])
			.select((eb) => [
				eb
					.selectFrom('application_events as e')
					.select('e.at')
					.whereRef('e.application_id', '=', 'a.id')
					.where('e.step', '=', 'rate')
					.limit(1)
					.as('rated_at'),
				eb
					.selectFrom('audit_log as l')
					.select('l.user_id')
					.whereRef('l.application_id', '=', 'a.id')
					.where('l.action', '=', 'complete')
					.orderBy('l.at', 'desc')
					.limit(1)
					.as('clerk_id')
			])
			.where('a.rating', 'is not', null)
			.where('a.id', '>', after)
			.orderBy('a.id')
			.limit(PAGE)
			.execute();
		if (!rated.length) break;
		after = rated.at(-1)!.id;
		for (const a of rated) {
			sums.add(
				{
					day: serviceClock(Date.parse(a.rated_at ?? a.updated_at)).date,
					pointId: a.point_id,
					matterId: a.matter_id,
					clerkId: a.clerk_id ?? ''
				},
				a.rating!
			);
		}
	}
	await sums.write(tx, kind);
	return sums.rows.size;
}
