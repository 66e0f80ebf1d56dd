import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { writeTransaction } from '$lib/server/db/transaction';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';
import { checkIn, processApplication, type ProcessAction } from '$lib/server/counter/actions';
import { applicationRecord } from '$lib/server/counter/applications';
import { audit } from '$lib/server/counter/audit';
import { readForm } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireCounterUser(locals, url);
	const conn = database();
	const record = await applicationRecord(conn.db, params.id);
	// Another centre's application is as unknown as a missing one.
	if (!record || !mayServe(user, record.pointId)) error(404, m.error_not_found());
	// Opening the whole record, with the full ID number and phone, is logged.
	await writeTransaction(conn, (tx) =>
		audit(tx, user, { action: 'view', pointId: record.pointId, applicationId: record.id })
	);
	const { snapshot } = await currentCatalog(conn.db);
	const matters = record.matterIds
		.map((id) => snapshot.matters.find((x) => x.id === id))
		.filter((x) => x !== undefined)
		.map((x) => ({ id: x.id, name: x.name, materials: x.materials, form: x.form }));
	return { record, matters };
};

const ACTIONS: ProcessAction[] = ['accept', 'request_materials', 'complete', 'refuse'];

async function act(
	action: ProcessAction,
	{ locals, url, params, request }: Parameters<Actions[string]>[0]
) {
	const user = requireCounterUser(locals, url);
	const form = await readForm(request);
	const note = String(form.get('note') ?? '')
		.trim()
		.slice(0, 500);
	const materials = form.getAll('materials').map(String).slice(0, 50);
	if (action === 'refuse' && !note) {
		return fail(400, { action, note, error: m.err_required({ field: m.staff_refuse_reason() }) });
	}
	if (action === 'request_materials' && !materials.length) {
		return fail(400, {
			action,
			note,
			error: m.err_required({ field: m.staff_materials_needed() })
		});
	}
	const result = await processApplication(database(), user, params.id!, action, {
		note,
		materials
	});
	if (!result.ok) {
		if (result.code === 'not_found' || result.code === 'other_centre')
			error(404, m.error_not_found());
		return fail(409, { action, note, error: m.staff_not_now() });
	}
	return { done: action };
}

export const actions: Actions = {
	...Object.fromEntries(
		ACTIONS.map((a) => [a, (event: Parameters<Actions[string]>[0]) => act(a, event)])
	),
	checkIn: async ({ locals, url, params }) => {
		const user = requireCounterUser(locals, url);
		const conn = database();
		const { snapshot } = await currentCatalog(conn.db);
		const result = await checkIn(conn, user, snapshot, params.id!);
		if (!result.ok) {
			if (result.code === 'not_found' || result.code === 'other_centre')
				error(404, m.error_not_found());
			return fail(409, { error: m.staff_not_now() });
		}
		return { ticket: result.ticket };
	}
};
