import * as v from 'valibot';
import { pullAnswer } from '$lib/schemas/ops';
import { deviceDb, getMeta, setMeta } from '../db';
import { announceOutboxChange } from '../outbox-signal';
import { call } from './transport';

/** Status changes from the server since the last pull, by its sequence, not by clocks. */
export async function pull(fetchFn: typeof fetch, auth: Record<string, string>): Promise<void> {
	let cursor = (await getMeta<number>('cursor')) ?? 0;
	for (let page = 0; page < 50; page++) {
		const response = await call(fetchFn, `/api/sync?since=${cursor}`, { headers: auth });
		const body = v.parse(pullAnswer, await response.json());
		await deviceDb.transaction('rw', deviceDb.applications, deviceDb.meta, async () => {
			for (const c of body.changes) {
				const known = await deviceDb.applications.get(c.applicationId);
				if (!known) continue;
				// A new step the resident has not seen is news (their own steps, sent from here, are
				// not), and so is a booking that changed at the server (a visit missed, a time no longer
				// served).
				const news =
					known.status !== 'queued' &&
					(c.status !== known.status ||
						c.booking?.status !== known.booking?.status ||
						c.booking?.missedSlot !== known.booking?.missedSlot ||
						c.booking?.withdrawn !== known.booking?.withdrawn);
				await deviceDb.applications.update(c.applicationId, {
					reference: c.reference,
					status: c.status,
					note: c.note,
					requestedMaterials: c.requestedMaterials,
					rating: c.rating,
					booking: c.booking,
					timeline: c.timeline,
					updatedAt: Date.now(),
					...(news ? { unseen: 1 as const } : {})
				});
			}
			await setMeta('cursor', body.cursor);
		});
		cursor = body.cursor;
		if (body.changes.length) announceOutboxChange();
		if (!body.more) break;
	}
}
