import type { TicketStatus } from '../db/schema';
import type { Tx } from '../db/transaction';
import { serviceClock } from '$lib/time';

export interface DayFigures {
	/** When they were worked out: the longest wait goes on growing from here. */
	at: string;
	/** The centre's day (at the points), over every counter. */
	centre: {
		/** Tickets issued: walk-ins and check-ins. */
		arrived: number;
		waiting: number;
		served: number;
		noShows: number;
		/** Minutes from the ticket to its first call, on average; null before the first call. */
		averageWait: number | null;
		/** Since when the longest-waiting ticket nobody has called yet has waited; null: nobody. */
		longestWaitSince: string | null;
		/** Its wait in minutes, at `at`. */
		longestWait: number | null;
	};
	/** The tickets at one counter today. */
	counter: { n: number; served: number; noShows: number; averageWait: number | null } | null;
}

interface Row {
	status: TicketStatus;
	counter: number | null;
	created_at: string;
	first_called_at: string | null;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

function averageWait(rows: Row[]): number | null {
	const waits = rows
		.filter((r) => r.first_called_at)
		.map((r) => Date.parse(r.first_called_at!) - Date.parse(r.created_at));
	return waits.length ? minutes(waits.reduce((a, b) => a + b, 0) / waits.length) : null;
}

/** How the centre's day and one counter's have gone so far: arrivals, queue, service, waits. */
export async function dayFigures(
	tx: Tx,
	pointId: string,
	counter: number | null,
	now = new Date()
): Promise<DayFigures> {
	const rows: Row[] = await tx
		.selectFrom('tickets')
		.select(['status', 'counter', 'created_at', 'first_called_at'])
		.where('point_id', '=', pointId)
		.where('day', '=', serviceClock(now).date)
		.execute();
	const count = (list: Row[], status: TicketStatus) =>
		list.filter((r) => r.status === status).length;
	const longest = rows
		.filter((r) => r.status === 'waiting' && !r.first_called_at)
		.map((r) => r.created_at)
		.sort()[0];
	const mine = rows.filter((r) => r.counter === counter && r.status !== 'waiting');
	return {
		at: now.toISOString(),
		centre: {
			arrived: rows.length,
			waiting: count(rows, 'waiting'),
			served: count(rows, 'done'),
			noShows: count(rows, 'no_show'),
			averageWait: averageWait(rows),
			longestWaitSince: longest ?? null,
			longestWait: longest ? Math.max(0, minutes(+now - Date.parse(longest))) : null
		},
		counter:
			counter === null
				? null
				: {
						n: counter,
						served: count(mine, 'done'),
						noShows: count(mine, 'no_show'),
						averageWait: averageWait(mine)
					}
	};
}
