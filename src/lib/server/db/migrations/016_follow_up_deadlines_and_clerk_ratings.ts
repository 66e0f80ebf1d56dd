import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables as they were */

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** A poor rating's follow-up is due within this many working days (as `figures/follow-up-deadline.ts`, then). */
const DUE_WORKING_DAYS = 15;

const beijingDay = (iso: string) =>
	new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 10);
const nextDay = (day: string) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
/** The instants (ISO, UTC) a Beijing day starts and ends. */
const bounds = (day: string) => {
	const start = Date.parse(`${day}T00:00:00Z`) - BEIJING_MS;
	return [new Date(start).toISOString(), new Date(start + DAY_MS).toISOString()] as const;
};

/**
 * A poor rating's follow-up gets its deadline (the 15th working day after the rating, by the
 * national calendar) and the Beijing day it was closed, for the overdue and closed-late counts,
 * with an index for the open ones by deadline. Existing follow-ups get both here (closed ones on
 * the day of their latest record). Ratings per clerk (`clerk_ratings`): per Beijing day, point,
 * matter and the clerk who completed the application; rows with matter '' sum every matter. They
 * are worked out from the records when the server starts and finds them missing.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('rating_follow_ups')
		.addColumn('deadline', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.alterTable('rating_follow_ups').addColumn('closed_on', 'text').execute();

	const exceptions = (await db
		.selectFrom('national_calendar')
		.select(['date', 'kind'])
		.where('kind', 'in', ['holiday', 'workday'])
		.execute()) as { date: string; kind: string }[];
	const kindOf = new Map(exceptions.map((r) => [r.date, r.kind]));
	const working = (day: string) => {
		const kind = kindOf.get(day);
		if (kind) return kind === 'workday';
		const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
		return weekday !== 0 && weekday !== 6;
	};
	const deadlineOf = (day: string) => {
		let d = day;
		for (let n = 0; n < DUE_WORKING_DAYS;) if (working((d = nextDay(d)))) n++;
		return d;
	};

	// One update per day of ratings or closings, not per follow-up.
	const rated = (await db.selectFrom('rating_follow_ups').select('rated_at').execute()) as {
		rated_at: string;
	}[];
	for (const day of new Set(rated.map((r) => beijingDay(r.rated_at)))) {
		const [from, to] = bounds(day);
		await db
			.updateTable('rating_follow_ups')
			.set({ deadline: deadlineOf(day) })
			.where('rated_at', '>=', from)
			.where('rated_at', '<', to)
			.execute();
	}
	const closed = (await db
		.selectFrom('rating_follow_ups')
		.select('followed_at')
		.where('closed', '=', 1)
		.where('followed_at', 'is not', null)
		.execute()) as { followed_at: string }[];
	for (const day of new Set(closed.map((r) => beijingDay(r.followed_at)))) {
		const [from, to] = bounds(day);
		await db
			.updateTable('rating_follow_ups')
			.set({ closed_on: day })
			.where('closed', '=', 1)
			.where('followed_at', '>=', from)
			.where('followed_at', '<', to)
			.execute();
	}
	// The open follow-ups, the overdue first: the list's first query and the overdue count.
	await db.schema
		.createIndex('rating_follow_ups_by_deadline')
		.on('rating_follow_ups')
		.columns(['closed', 'deadline'])
		.execute();

	// Keyed by matter first: a view reads one matter's rows, or the all-matters ones ('').
	await db.schema
		.createTable('clerk_ratings')
		.addColumn('matter_id', 'text', (c) => c.notNull())
		.addColumn('day', 'text', (c) => c.notNull())
		.addColumn('point_id', 'text', (c) => c.notNull())
		.addColumn('clerk_id', 'text', (c) => c.notNull())
		.addColumn('rating_1', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rating_2', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rating_3', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rating_4', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rating_5', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('clerk_ratings_pk', ['matter_id', 'day', 'point_id', 'clerk_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('clerk_ratings').execute();
	await db.schema.dropIndex('rating_follow_ups_by_deadline').execute();
	await db.schema.alterTable('rating_follow_ups').dropColumn('closed_on').execute();
	await db.schema.alterTable('rating_follow_ups').dropColumn('deadline').execute();
}
