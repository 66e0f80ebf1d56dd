import { randomUUID } from 'node:crypto';
import { slotTimes } from '$lib/catalog/slots';
import type { CatalogSnapshot, FormField } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { keyBoundIds } from '$lib/claim-ids';
import { newClaimKey } from '$lib/qr-payload';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID number, different for each `n`. */
export function idNumber(n: number): string {
	const first17 = `370682${1950 + (Math.floor(n / 1000) % 50)}0101${String(n % 1000).padStart(3, '0')}`;
	const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
	return first17 + '10X98765432'[sum % 11];
}

/** A valid value for each field of a matter's form. */
export function fieldValues(form: FormField[]): Record<string, unknown> {
	return Object.fromEntries(
		form.map((f) => {
			switch (f.type) {
				case 'number':
					return [f.key, f.min ?? 1];
				case 'date':
					return [f.key, '2026-12-01'];
				case 'select':
					return [f.key, f.options[0]!.value];
				default:
					return [f.key, f.type === 'text' && f.digits ? '6222021234567890' : '测试内容'];
			}
		})
	);
}

/** The point's next bookable slots for the matter. */
export function nextSlots(
	catalog: CatalogSnapshot,
	pointId: string,
	matterId: string,
	count = 3
): string[] {
	const point = catalog.points.find((p) => p.id === pointId)!;
	const rule = point.services.find((s) => s.matterId === matterId)!;
	return slotTimes(point, rule, catalog.calendar, serviceClock().date, 20)
		.slice(0, count)
		.map((s) => s.start);
}

export function submitOp(
	catalog: CatalogSnapshot,
	options: {
		n: number;
		pointId?: string;
		matterId?: string;
		slots?: string[];
		attachments?: unknown[];
	}
) {
	const matterId = options.matterId ?? 'individual-business-registration';
	const pointId = options.pointId ?? 'chengxiang-centre';
	const matter = catalog.matters.find((x) => x.id === matterId)!;
	return {
		opId: randomUUID(),
		kind: 'application.submit' as const,
		schemaVersion: 1,
		payload: {
			applicationId: randomUUID(),
			matterId,
			pointId,
			slots: options.slots ?? nextSlots(catalog, pointId, matterId),
			applicant: {
				name: `测试申请人${options.n}`,
				idNumber: idNumber(options.n),
				phone: '13800000000'
			},
			fields: fieldValues(matter.form),
			answers: {},
			attachments: options.attachments ?? [],
			createdAt: new Date().toISOString()
		}
	};
}

/** A submit as the app makes it: its ids derived from a claim key the op carries. */
export async function boundSubmitOp(
	catalog: CatalogSnapshot,
	options: Parameters<typeof submitOp>[1]
) {
	const claimKey = newClaimKey();
	const op = submitOp(catalog, options);
	const ids = await keyBoundIds(claimKey, JSON.parse(JSON.stringify(op.payload)));
	return {
		...op,
		opId: ids.opId,
		payload: { ...op.payload, applicationId: ids.applicationId },
		claimKey,
		claim: ids.claim
	};
}
