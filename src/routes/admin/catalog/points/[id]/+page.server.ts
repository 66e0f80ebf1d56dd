import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { pointInScope, type AdminScope } from '$lib/server/admin/scope';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import type { CatalogDocument } from '$lib/server/catalog-admin/document';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import { pointFromForm } from '$lib/server/catalog-admin/point-form';
import { saveEntry } from '$lib/server/catalog-admin/save-entry';
import { entryStamp, staleEntryIssues } from '$lib/server/catalog-admin/entry-stamp';
import { pointPageData } from '$lib/server/catalog-admin/point-page';
import { accountsLeftOut } from '$lib/server/accounts/held-at';
import { POINT_KINDS } from '$lib/server/seed/demo-schema';

/** The point, refused (403) to a town administrator of another town, or of the city hall. */
function pointIn(doc: CatalogDocument, id: string, scope: AdminScope) {
	const point = doc.points.find((p) => p.id === id);
	if (!point) error(404, m.err_not_found({ field: id }));
	if (!pointInScope(scope, { townId: point.town, kind: point.kind })) {
		error(403, point.kind === 'city' ? m.catalog_err_city_hall() : m.catalog_err_other_town());
	}
	return point;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const doc = await workingDocument(conn.db, scope.user.id);
	const point = pointIn(doc, params.id, scope);
	return { ...pointPageData(doc, point, scope), isNew: false, stamp: entryStamp(point) };
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const values = await formFields(request);
		const doc = await workingDocument(conn.db, scope.user.id);
		const base = pointIn(doc, params.id, scope);
		const stale = staleEntryIssues(values, base);
		if (stale) return fail(409, { errors: stale, values });
		const parsed = pointFromForm(
			values,
			base,
			doc.matters.map((x) => x.id),
			scope.townId
		);
		const kind = POINT_KINDS.find((k) => k === parsed.point.kind);
		if (kind && kind !== base.kind) {
			const count = await accountsLeftOut(conn.db, base.id, kind);
			if (count) {
				const message = m.catalog_err_kind_has_accounts({ count });
				return fail(400, { errors: [{ field: 'kind', message }], values });
			}
		}
		const errors = await saveEntry(
			conn,
			scope.user,
			'points',
			params.id,
			doc.points.indexOf(base),
			parsed.point,
			parsed
		);
		if (errors) return fail(400, { errors, values });
		return { saved: true, message: m.catalog_saved_draft() };
	}
};
