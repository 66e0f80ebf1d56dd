import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { writeTransaction } from '$lib/server/db/transaction';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';
import { checkIn, processApplication, type ProcessAction } from '$lib/server/counter/actions';
import { COUNTER_STEPS } from '$lib/server/applications/status';
import { applicationRecord } from '$lib/server/counter/applications';
import { audit } from '$lib/server/counter/audit';
import { readForm } from '$lib/server/http/form';
import { recordMatters } from './matters.server';
import { materialName } from '$lib/counter/record';
import { listed } from '$lib/listed';
import { STATUS_WORDS } from '$lib/status-words';

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
	return { record, matters: recordMatters(snapshot, record.matterIds) };
};

/** The materials marked `state` in the checklist (`check-<material id>` = received / missing). */
function marked(form: FormData, state: 'received' | 'missing'): string[] {
	return [...form.entries()]
		.filter(([key, value]) => key.startsWith('check-') && value === state)
		.map(([key]) => key.slice('check-'.length));
}

/** The record's last step as the page showed it; none sent (an older page): not checked. */
function seenStep(form: FormData): number | undefined {
	const seen = Number(form.get('seen') ?? NaN);
	return Number.isSafeInteger(seen) ? seen : undefined;
}

async function act(
	action: ProcessAction,
	{ locals, url, params, request }: Parameters<Actions[string]>[0]
) {
	const user = requireCounterUser(locals, url);
	const form = await readForm(request);
	const note = String(form.get('note') ?? '')
		.trim()
		.slice(0, 500);
	const materials = [...form.getAll('materials').map(String), ...marked(form, 'missing')].slice(
		0,
		50
	);
	const received = marked(form, 'received').slice(0, 50);
	if (action === 'refuse' && !note) {
		return fail(400, { action, note, error: m.err_required({ field: m.staff_refuse_reason() }) });
	}
	const missingError = () => fail(400, { action, note, error: m.staff_mark_missing() });
	if (action === 'request_materials' && !materials.length) return missingError();
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const result = await processApplication(conn, user, snapshot, params.id!, action, {
		note,
		materials,
		received,
		toFollow: form.get('toFollow') === '1',
		seen: seenStep(form)
	});
	if (!result.ok) {
		if (result.code === 'not_found' || result.code === 'other_centre')
			error(404, m.error_not_found());
		if (result.code === 'changed') {
			const status = STATUS_WORDS[result.status!]();
			return fail(409, {
				action,
				note,
				error: m.staff_changed_meanwhile({ status }),
				changed: true
			});
		}
		if (result.code === 'rejected') return missingError();
		if (result.code === 'missing_marked') {
			// Named as the application's own matters name them: ids repeat across matters.
			const matters = recordMatters(snapshot, result.matterIds ?? []);
			const names = listed((result.materials ?? []).map((id) => materialName(matters, id)));
			// Accepting may go on, the materials to follow, once the clerk says so.
			if (action === 'accept') {
				const error = m.staff_missing_blocks_accept({ materials: names });
				return fail(400, { action, note, error, toFollow: true });
			}
			return fail(400, {
				action,
				note,
				error: m.staff_missing_blocks_complete({ materials: names })
			});
		}
		if (result.code === 'not_accepted')
			return fail(409, { action, note, error: m.staff_complete_not_accepted() });
		return fail(409, { action, note, error: m.staff_not_now() });
	}
	return { done: action };
}

export const actions: Actions = {
	...Object.fromEntries(
		COUNTER_STEPS.map((a) => [a, (event: Parameters<Actions[string]>[0]) => act(a, event)])
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
