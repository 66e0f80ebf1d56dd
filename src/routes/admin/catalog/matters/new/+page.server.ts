import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import type { CatalogDocument, DocMatter } from '$lib/server/catalog-admin/document';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import { matterFromForm, type EditedMatter } from '$lib/server/catalog-admin/matter-form';
import { newIdIssue, saveEntry } from '$lib/server/catalog-admin/save-entry';

/** A new matter, to be filled in: no time limits, materials or questions yet. */
function blankMatter(doc: CatalogDocument, id = '', code = ''): EditedMatter {
	return {
		id,
		code,
		category: doc.categories[0]?.id ?? '',
		department: doc.departments[0]?.id ?? '',
		zh: '',
		en: '',
		aliases: [],
		summaryZh: '',
		summaryEn: '',
		conditions: [],
		fee: { zh: '', en: '' },
		legalBasis: [],
		questions: [],
		materials: [],
		form: []
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	requireCity(scope);
	const doc = await workingDocument(conn.db, scope.user.id);
	return {
		matter: blankMatter(doc),
		categories: doc.categories,
		departments: doc.departments,
		isNew: true,
		// Nothing saved yet that a save from this form could undo.
		stamp: ''
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		requireCity(scope);
		const values = await formFields(request);
		const doc = await workingDocument(conn.db, scope.user.id);
		const id = (values.id ?? '').trim();
		const base = blankMatter(doc, id, (values.code ?? '').trim()) as DocMatter;
		const parsed = matterFromForm(values, base);
		const idIssue = newIdIssue(id);
		if (idIssue) parsed.issues.push(idIssue);
		const errors = await saveEntry(
			conn,
			scope.user,
			'matters',
			null,
			doc.matters.length,
			parsed.matter,
			parsed
		);
		if (errors) return fail(400, { errors, values });
		redirect(303, `/admin/catalog/matters/${id}?added=1`);
	}
};
