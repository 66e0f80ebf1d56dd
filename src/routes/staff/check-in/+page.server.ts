import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { requireCounterUser } from '$lib/server/counter/access';
import { checkInScanned } from '$lib/server/counter/actions';
import { readForm } from '$lib/server/http/form';
import { STATUS_WORDS } from '$lib/status-words';

export const load: PageServerLoad = ({ locals, url }) => {
	requireCounterUser(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireCounterUser(locals, url);
		const code = String((await readForm(request)).get('code') ?? '').slice(0, 8000);
		if (!code.trim()) return fail(400, { error: m.err_required({ field: m.staff_code() }) });
		const conn = database();
		const { snapshot } = await currentCatalog(conn.db);
		const result = await checkInScanned(conn, user, snapshot, code);
		if (!result.ok) {
			const error =
				result.code === 'other_centre'
					? m.staff_other_centre()
					: result.code === 'rejected'
						? (result.message ?? m.err_invalid_input())
						: result.code === 'closed'
							? result.status
								? m.staff_check_in_closed({ status: STATUS_WORDS[result.status]() })
								: m.staff_not_now()
							: m.staff_code_unknown();
			return fail(result.code === 'rejected' ? 400 : 404, { error });
		}
		return {
			applicationId: result.applicationId,
			ticket: result.ticket,
			takenIn: result.takenIn ?? false
		};
	}
};
