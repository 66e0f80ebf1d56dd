import { randomUUID } from 'node:crypto';
import { slotTimes } from '../../src/lib/catalog/slots';
import type { CatalogSnapshot } from '../../src/lib/catalog/types';
import { fieldValues, idNumber } from '../../src/lib/server/testing/applications';
import { serviceClock } from '../../src/lib/time';

export interface SubmitOp {
	opId: string;
	kind: 'application.submit';
	schemaVersion: 1;
	payload: {
		applicationId: string;
		matterId: string;
		pointId: string;
		slots: string[];
		applicant: { name: string; idNumber: string; phone: string };
		fields: Record<string, unknown>;
		answers: Record<string, string>;
		attachments: never[];
		createdAt: string;
	};
}

/**
 * `count` valid submits, each for a different person, spread round-robin over every point and
 * matter of the catalogue, each asking for a slot that still has room: as a day of real bookings
 * would arrive, not all at one counter.
 */
export function plannedSubmits(
	catalog: CatalogSnapshot,
	count: number,
	firstPerson = 0
): SubmitOp[] {
	const today = serviceClock().date;
	const queues = catalog.points.flatMap((point) =>
		point.services.map((rule) => ({
			point,
			rule,
			places: slotTimes(point, rule, catalog.calendar, today, 14).flatMap((s) =>
				Array<string>(s.capacity).fill(s.start)
			)
		}))
	);
	const ops: SubmitOp[] = [];
	for (let round = 0; ops.length < count; round++) {
		let added = 0;
		for (const q of queues) {
			const start = q.places[round];
			if (!start || ops.length >= count) continue;
			const matter = catalog.matters.find((m) => m.id === q.rule.matterId)!;
			const n = firstPerson + ops.length;
			ops.push({
				opId: randomUUID(),
				kind: 'application.submit',
				schemaVersion: 1,
				payload: {
					applicationId: randomUUID(),
					matterId: matter.id,
					pointId: q.point.id,
					slots: [start],
					applicant: { name: `压测申请人${n}`, idNumber: idNumber(n), phone: '13800000000' },
					fields: fieldValues(matter.form),
					answers: {},
					attachments: [],
					createdAt: new Date().toISOString()
				}
			});
			added++;
		}
		if (!added) throw new Error(`the catalogue has room for only ${ops.length} bookings`);
	}
	return ops;
}
