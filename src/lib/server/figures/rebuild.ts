import type { Connection, DatabaseKind } from '../db/connect';
import { bulkInsert, type ColumnType } from '../seed/bulk-insert';
import { writeTransaction, type Tx } from '../db/transaction';
import { sql } from 'kysely';
import { MEASURES, monthOf, weekOf, zeroMeasures, type FigureKey, type Measures } from './measures';
import {
	completedDelta,
	dayOf,
	firstCallDelta,
	ratedDelta,
	submittedDelta,
	type Delta
} from './record';
import { workCalendar } from './working-days';
import { rebuildClerkRatings } from './clerk-ratings';

const PAGE = 20_000;

/** Daily, weekly and monthly figures summed in memory, then written as rows. */
export class FigureSums {
	readonly rows = new Map<string, Measures>();

	add(key: FigureKey, delta: Delta): void {
		const k = `${key.day}\u0000${key.pointId}\u0000${key.matterId}`;
		let acc = this.rows.get(k);
		if (!acc) this.rows.set(k, (acc = zeroMeasures()));
		for (const [m, v] of Object.entries(delta)) acc[m as keyof Measures] += v;
	}

	/** Writes the sums as daily, weekly and monthly rows, in key order (the tables expected empty). */
	async write(tx: Tx, kind: DatabaseKind): Promise<void> {
		const daily = [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
		const rowsOf = (key: 'day' | 'week' | 'month', of: (day: string) => string) => {
			const sums = new Map<string, Measures>();
			for (const [k, x] of daily) {
				const [day, rest] = [k.slice(0, 10), k.slice(10)];
				const at = `${of(day)}${rest}`;
				const acc = sums.get(at) ?? zeroMeasures();
				for (const m of MEASURES) acc[m] += x[m];
				sums.set(at, acc);
			}
			return [...sums.entries()]
				.sort(([a], [b]) => (a < b ? -1 : 1))
				.map(([k, x]) => {
					const [period, point_id, matter_id] = k.split('\u0000') as [string, string, string];
					return { [key]: period, point_id, matter_id, ...x };
				});
		};
		const columns = (key: string) => {
			const c: Record<string, ColumnType> = { [key]: 'text', point_id: 'text', matter_id: 'text' };
			for (const m of MEASURES) c[m] = 'int';
			return c;
		};
		await bulkInsert(
			tx,
			kind,
			'daily_figures',
			columns('day'),
			rowsOf('day', (d) => d)
		);
		await bulkInsert(tx, kind, 'weekly_figures', columns('week'), rowsOf('week', weekOf));
		await bulkInsert(tx, kind, 'monthly_figures', columns('month'), rowsOf('month', monthOf));
	}
}

/**
 * Works the daily figures and the ratings per clerk out again from the records (applications,
 * their steps, bookings, tickets, the audit log), as the writes would have kept them: for a
 * database that had records before the figures existed. With `onlyIfMissing`, each only when
 * it is missing. Returns the number of daily rows.
 */
export async function rebuildDailyFigures(
	conn: Connection,
	options: { onlyIfMissing?: boolean } = {}
): Promise<number> {
	return writeTransaction(conn, async (tx) => {
		// Several servers starting at once: one rebuilds, the others find it done.
		if (conn.kind === 'postgres') {
			await sql`select pg_advisory_xact_lock(hashtext('fold_figures'))`.execute(tx);
		}
		const has = async (
			table: 'daily_figures' | 'figure_deltas' | 'applications' | 'tickets' | 'clerk_ratings'
		) =>
			!!(await tx
				.selectFrom(table)
				.select(sql<number>`1`.as('one'))
				.limit(1)
				.executeTakeFirst());
		if (options.onlyIfMissing) {
			if (!(await has('clerk_ratings'))) {
				const rated = await tx
					.selectFrom('applications')
					.select('id')
					.where('rating', 'is not', null)
					.limit(1)
					.executeTakeFirst();
				if (rated) await rebuildClerkRatings(tx, conn.kind);
			}
			if ((await has('daily_figures')) || (await has('figure_deltas'))) return 0;
			if (!(await has('applications')) && !(await has('tickets'))) return 0;
		} else await rebuildClerkRatings(tx, conn.kind);
		await tx.deleteFrom('figure_deltas').execute();
		await tx.deleteFrom('daily_figures').execute();
		await tx.deleteFrom('weekly_figures').execute();
		await tx.deleteFrom('monthly_figures').execute();
		const sums = new FigureSums();
		const calendar = await workCalendar(tx);
		const matters = new Map(
			(await tx.selectFrom('matters').select(['id', 'promised_days']).execute()).map((r) => [
				r.id,
				r.promised_days
			])
		);

		for (let after = ''; ;) {
			const apps = await tx
				.selectFrom('applications as a')
				.select([
					'a.id',
					'a.point_id',
					'a.matter_id',
					'a.created_at',
					'a.device_created_at',
					'a.agent_user_id',
					'a.rating'
				])
				.select((eb) =>
					eb
						.selectFrom('bookings as b')
						.select('b.slot_start')
						.whereRef('b.application_id', '=', 'a.id')
						.where('b.missed_at', 'is not', null)
						.limit(1)
						.as('missed_slot')
				)
				.select((eb) =>
					eb
						.selectFrom('bookings as b')
						.select('b.slot_start')
						.whereRef('b.application_id', '=', 'a.id')
						.orderBy('b.created_at')
						.limit(1)
						.as('first_slot')
				)
				.where('a.id', '>', after)
				.orderBy('a.id')
				.limit(PAGE)
				.execute();
			if (!apps.length) break;
			after = apps.at(-1)!.id;
			const byId = new Map(apps.map((a) => [a.id, a]));
			for (const a of apps) {
				sums.add(
					{ day: dayOf(a.created_at), pointId: a.point_id, matterId: a.matter_id },
					submittedDelta(!!a.first_slot, {
						deviceCreatedAt: a.device_created_at,
						receivedAt: a.created_at,
						byAgent: !!a.agent_user_id
					})
				);
				if (a.missed_slot) {
					sums.add(
						{ day: a.missed_slot.slice(0, 10), pointId: a.point_id, matterId: a.matter_id },
						{ missed: 1 }
					);
				}
			}
			const events = await tx
				.selectFrom('application_events')
				.select(['application_id', 'step', 'at'])
				.where('application_id', '>=', apps[0]!.id)
				.where('application_id', '<=', after)
				.where('step', 'in', ['check_in', 'complete', 'refuse', 'cancel', 'rate'])
				.execute();
			for (const e of events) {
				const a = byId.get(e.application_id);
				if (!a) continue;
				const key = { day: dayOf(e.at), pointId: a.point_id, matterId: a.matter_id };
				const delta: Delta =
					e.step === 'check_in'
						? { check_ins: 1 }
						: e.step === 'refuse'
							? { refused: 1 }
							: e.step === 'cancel'
								? { cancelled: 1 }
								: e.step === 'rate'
									? ratedDelta(a.rating ?? 0)
									: completedDelta(a.created_at, e.at, matters.get(a.matter_id) ?? 0, calendar);
				sums.add(key, delta);
			}
		}

		for (let after = ''; ;) {
			const tickets = await tx
				.selectFrom('tickets as t')
				.leftJoin('applications as a', 'a.id', 't.application_id')
				.select([
					't.id',
					't.day',
					't.point_id',
					't.application_id',
					't.status',
					't.created_at',
					't.first_called_at',
					'a.matter_id'
				])
				.where('t.id', '>', after)
				.orderBy('t.id')
				.limit(PAGE)
				.execute();
			if (!tickets.length) break;
			after = tickets.at(-1)!.id;
			for (const t of tickets) {
				const key = { day: t.day, pointId: t.point_id, matterId: t.matter_id ?? '' };
				if (!t.application_id) sums.add(key, { walk_ins: 1 });
				if (t.first_called_at) sums.add(key, firstCallDelta(t.created_at, t.first_called_at));
				if (t.status === 'no_show') sums.add(key, { ticket_no_shows: 1 });
			}
		}
		await sums.write(tx, conn.kind);
		return sums.rows.size;
	});
}

/** At start: the figures of a database that has records but no figures yet (it predates them). */
export async function rebuildFiguresIfMissing(conn: Connection): Promise<void> {
	await rebuildDailyFigures(conn, { onlyIfMissing: true });
}
