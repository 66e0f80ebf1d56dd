import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import type { DocPoint } from '$lib/server/catalog-admin/document';
import { editDraft, workingDocument } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/catalog-admin/form-data';
import { formIssues } from '$lib/server/catalog-admin/form-issues';
import { pointFromForm } from '$lib/server/catalog-admin/point-form';
import { blankPoint, pointPageData } from '$lib/server/catalog-admin/point-page';

/** A point's id is part of its web address: lower-case latin letters, digits and hyphens. */
const POINT_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const doc = await workingDocument(conn.db, scope.user.id);
	const town = scope.townId ?? url.searchParams.get('town') ?? doc.towns[0]?.id ?? '';
	return { ...pointPageData(doc, blankPoint(town), scope), isNew: true };
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
			doc.matters.map((x) => x.id)
		);
		if (!id) parsed.issues.push({ path: ['id'], code: 'required' });
		else if (!POINT_ID.test(id)) parsed.issues.push({ path: ['id'], code: 'point_id' });
		if (scope.townId !== null) {
			parsed.point.town = scope.townId;
			if (parsed.point.kind === 'city') parsed.issues.push({ path: ['kind'], code: 'city_only' });
		}
		const at = doc.points.length;
		const result = await editDraft(
			conn,
			scope.user,
			(d) => {
				d.points.push(parsed.point as DocPoint);
			},
			{ issues: parsed.issues.map((i) => ({ ...i, path: ['points', at, ...i.path] })) }
		);
		if (!result.ok) {
			const errors = formIssues(result.issues, ['points', at], parsed.rename);
			return fail(400, { errors, values });
		}
		redirect(303, `/admin/catalog/points/${id}?added=1`);
	}
};
