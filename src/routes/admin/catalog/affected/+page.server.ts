import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import {
	CONTACT_NOTE_MAX,
	markContacted,
	revealPhone
} from '$lib/server/catalog-admin/affected-contacts';
import { affectedView } from '$lib/server/catalog-admin/affected-view';
import { listAffected, type ContactFilter } from '$lib/server/catalog-admin/versions';

const FILTERS: ContactFilter[] = ['all', 'open', 'contacted'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const asked = url.searchParams.get('contact') as ContactFilter;
	const contact = FILTERS.includes(asked) ? asked : 'all';
	const rows = await listAffected(conn.db, { townId: scope.townId, contact });
	return {
		contact,
		noteMax: CONTACT_NOTE_MAX,
		// The counter's record pages are the city administrator's and the centres' staff's.
		recordLinks: scope.townId === null,
		affected: await affectedView(conn.db, rows)
	};
};

export const actions: Actions = {
	phone: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const form = await request.formData();
		const bookingId = String(form.get('booking') ?? '');
		const phone = await revealPhone(conn, scope, {
			version: Number(form.get('version')),
			bookingId
		});
		if (!phone) return fail(404, { bookingId, phoneMessage: m.catalog_contact_not_found() });
		return { bookingId, phone };
	},
	contact: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const form = await request.formData();
		const bookingId = String(form.get('booking') ?? '');
		const reference = String(form.get('reference') ?? '');
		const note = String(form.get('note') ?? '');
		const result = await markContacted(conn, scope, {
			version: Number(form.get('version')),
			bookingId,
			note
		});
		if (result.ok) return { bookingId, message: m.catalog_contact_saved({ reference }) };
		const message =
			result.code === 'already'
				? m.catalog_contact_already({ name: result.by, time: formatDateTime(result.at) })
				: result.code === 'note_too_long'
					? m.catalog_contact_too_long({ max: CONTACT_NOTE_MAX })
					: m.catalog_contact_not_found();
		return fail(result.code === 'not_found' ? 404 : 400, { bookingId, note, message });
	}
};
