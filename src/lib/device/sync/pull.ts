import * as v from 'valibot';
import { pullAnswer } from '$lib/schemas/ops';
import { deviceDb, getMeta, setMeta } from '../db';
import { call } from './transport';

/** Status changes from the server since the last pull, by its sequence, not by clocks. */
export async function pull(fetchFn: typeof fetch, auth: Record<string, string>): Promise<void> {
	let cursor = (await getMeta<number>('cursor')) ?? 0;
	for (let page = 0; page < 50; page++) {
		const response = await call(fetchFn, `/api/sync?since=${cursor}`, { headers: auth });
		const body = v.parse(pullAnswer, await response.json());
		await deviceDb.transaction('rw', deviceDb.applications, deviceDb.meta, async () => {
			for (const c of body.changes) {
				await deviceDb.applications.update(c.applicationId, {
					reference: c.reference,
					status: c.status,
					note: c.note,
					requestedMaterials: c.requestedMaterials,
					rating: c.rating,
					booking: c.booking,
					updatedAt: Date.now()
				});
			}
			await setMeta('cursor', body.cursor);
		});
		cursor = body.cursor;
		if (!body.more) break;
	}
}
