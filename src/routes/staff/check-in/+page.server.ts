import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { requireCounterUser } from '$lib/server/counter/access';
import { checkInScanned } from '$lib/server/counter/actions';
import { checkedInSummary } from '$lib/server/counter/applications';
import { tr } from '$lib/i18n';
import { serviceClock } from '$lib/time';
import { readForm } from '$lib/server/http/form';
import { STATUS_WORDS } from '$lib/status-words';
import type { CatalogSnapshot } from '$lib/catalog/types';

/** Where the application belongs, named when the catalogue knows the point. */
function otherCentreMessage(catalog: CatalogSnapshot, pointId: string | undefined): string {
	const point = catalog.points.find((p) => p.id === pointId);
	return point ? m.staff_other_centre_named({ point: tr(point.name) }) : m.staff_other_centre();
}

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
					? otherCentreMessage(snapshot, result.pointId)
					: result.code === 'rejected'
						? (result.message ?? m.err_invalid_input())
						: result.code === 'closed'
							? result.status
								? m.staff_check_in_closed({ status: STATUS_WORDS[result.status]() })
								: m.staff_not_now()
							: result.code === 'unreadable'
								? m.staff_code_unreadable()
								: m.staff_code_unknown();
			return fail(result.code === 'rejected' ? 400 : 404, { error });
		}
		const who = await checkedInSummary(conn.db, result.applicationId);
		const matter = snapshot.matters.find((x) => x.id === who?.matterId);
		const slot = who?.slotStart ?? null;
		return {
			applicationId: result.applicationId,
			ticket: result.ticket,
			takenIn: result.takenIn ?? false,
			earlier: result.earlier ?? null,
			name: who?.name ?? '',
			matter: matter ? tr(matter.name) : '',
			slot,
			// Booked for another day: the clerk decides whether to serve the person now.
			otherDay: !!slot && slot.slice(0, 10) !== serviceClock().date
		};
	}
};
