import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { pathLabel } from '$lib/catalog-admin/labels';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import { editDraft, workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/catalog-admin/form-data';
import { jsonField } from '$lib/server/catalog-admin/form-issues';
import type { DocIssue } from '$lib/server/catalog-admin/validate';

const PARTS = ['towns', 'bundles', 'categories', 'departments'] as const;
type Part = (typeof PARTS)[number];

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	requireCity(scope);
	const doc = await workingDocument(conn.db, scope.user.id);
	return {
		parts: PARTS.map((part) => ({ part, json: JSON.stringify(doc[part], null, 2) }))
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		requireCity(scope);
		const values = await formFields(request);
		const part = values.part as Part;
		if (!PARTS.includes(part)) error(400, m.err_invalid_input());
		const issues: DocIssue[] = [];
		const list = jsonField(values.json ?? '', [part], issues, null);
		const result = await editDraft(
			conn,
			scope.user,
			(doc) => {
				if (list !== null) (doc as Record<Part, unknown>)[part] = list;
			},
			{ issues }
		);
		if (!result.ok) {
			const errors = result.issues.map((i) => ({
				field: part,
				message: issueMessage(i, pathLabel(i.path))
			}));
			return fail(400, { part, json: values.json ?? '', errors });
		}
		return { part, saved: true, message: m.catalog_saved_draft() };
	}
};
