import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import { matterFromForm, type EditedMatter } from '$lib/server/catalog-admin/matter-form';
import { saveEntry } from '$lib/server/catalog-admin/save-entry';
import { entryStamp, staleEntryIssues } from '$lib/server/catalog-admin/entry-stamp';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	requireCity(scope);
	const doc = await workingDocument(conn.db, scope.user.id);
	const matter = doc.matters.find((x) => x.id === params.id);
	if (!matter) error(404, m.err_not_found({ field: params.id }));
	const edited: EditedMatter = matter;
	return {
		matter: edited,
		categories: doc.categories,
		departments: doc.departments,
		isNew: false,
		stamp: entryStamp(matter)
	};
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		requireCity(scope);
		const values = await formFields(request);
		const doc = await workingDocument(conn.db, scope.user.id);
		const base = doc.matters.find((x) => x.id === params.id);
		if (!base) error(404, m.err_not_found({ field: params.id }));
		const stale = staleEntryIssues(values, base);
		if (stale) return fail(409, { errors: stale, values });
		const parsed = matterFromForm(values, base);
		const errors = await saveEntry(
			conn,
			scope.user,
			'matters',
			params.id,
			doc.matters.indexOf(base),
			parsed.matter,
			parsed
		);
		if (errors) return fail(400, { errors, values });
		return { saved: true, message: m.catalog_saved_draft() };
	}
};
