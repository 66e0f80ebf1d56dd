import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import { editDraft, workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import { formIssues } from '$lib/server/catalog-admin/form-issues';
import {
	STRUCTURES,
	structureFromForm,
	type Structure
} from '$lib/server/catalog-admin/structure-form';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	requireCity(scope);
	const doc = await workingDocument(conn.db, scope.user.id);
	return {
		towns: doc.towns,
		bundles: doc.bundles,
		categories: doc.categories,
		departments: doc.departments,
		matters: doc.matters.map((x) => ({ id: x.id, zh: x.zh, en: x.en }))
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		requireCity(scope);
		const values = await formFields(request);
		const part = values.part as Structure;
		if (!STRUCTURES.includes(part)) error(400, m.err_invalid_input());
		const doc = await workingDocument(conn.db, scope.user.id);
		const parsed = structureFromForm(part, values, doc);
		if (parsed.inUse.length) {
			const errors = [...parsed.inUse, ...formIssues(parsed.issues, [], parsed.rename)];
			return fail(400, { part, values, errors });
		}
		const result = await editDraft(
			conn,
			scope.user,
			(draft) => {
				(draft as Record<Structure, unknown>)[part] = parsed.list;
			},
			{ issues: parsed.issues }
		);
		if (!result.ok) {
			return fail(400, { part, values, errors: formIssues(result.issues, [], parsed.rename) });
		}
		return { part, saved: true, message: m.catalog_saved_draft() };
	}
};
