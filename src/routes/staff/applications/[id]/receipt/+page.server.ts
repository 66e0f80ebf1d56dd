import { error } from '@sveltejs/kit';
import { renderSVG } from 'uqr';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';
import { applicationRecord } from '$lib/server/counter/applications';
import { recordMatters } from '../matters.server';

/** A paper receipt for someone served at the counter: what to bring, and a code to come back with. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireCounterUser(locals, url);
	const conn = database();
	const record = await applicationRecord(conn.db, params.id);
	if (!record || !mayServe(user, record.pointId)) error(404, m.error_not_found());
	const { snapshot } = await currentCatalog(conn.db);
	const point = snapshot.points.find((p) => p.id === record.pointId);
	// The code holds only the reference: the check-in page takes it scanned or typed.
	const svg = renderSVG(record.reference, { ecc: 'M', border: 2 });
	return {
		receipt: {
			id: record.id,
			reference: record.reference,
			status: record.status,
			applicant: record.applicant.name,
			slotStart: record.booking?.slotStart ?? null,
			ticket: record.ticket?.code ?? null,
			answers: record.answers
		},
		point: point ? { name: point.name, address: point.address, phone: point.phone } : null,
		matters: recordMatters(snapshot, record.matterIds),
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		printedAt: new Date().toISOString()
	};
};
