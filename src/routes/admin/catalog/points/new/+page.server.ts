import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import type { DocPoint } from '$lib/server/catalog-admin/document';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import { newIdIssue, saveEntry } from '$lib/server/catalog-admin/save-entry';
import { pointFromForm } from '$lib/server/catalog-admin/point-form';
import { blankPoint, pointPageData } from '$lib/server/catalog-admin/point-page';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const doc = await workingDocument(conn.db, scope.user.id);
	const town = scope.townId ?? url.searchParams.get('town') ?? doc.towns[0]?.id ?? '';
	// Nothing saved yet that a save from this form could undo: no stamp.
	return { ...pointPageData(doc, blankPoint(town), scope), isNew: true, stamp: '' };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const values = await formFields(request);
		const doc = await workingDocument(conn.db, scope.user.id);
		const id = (values.id ?? '').trim();
		const base = { ...blankPoint(scope.townId ?? ''), id } as DocPoint;
		const parsed = pointFromForm(
			values,
			base,
			doc.matters.map((x) => x.id),
			scope.townId
		);
		const idIssue = newIdIssue(id);
		if (idIssue) parsed.issues.push(idIssue);
		const errors = await saveEntry(
			conn,
			scope.user,
			'points',
			null,
			doc.points.length,
			parsed.point,
			parsed
		);
		if (errors) return fail(400, { errors, values });
		redirect(303, `/admin/catalog/points/${id}?added=1`);
	}
};
