import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { tr } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { followUpLabels, followUpSchema } from '$lib/schemas/figures';
import { describeIssues } from '$lib/schemas/issues';
import { isPointOfTown, requireAdminScope } from '$lib/server/admin/scope';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { recordFollowUp } from '$lib/server/figures/follow-ups';
import { figuresPage } from '$lib/server/figures/page';
import { readForm } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url }) => {
	const conn = database();
	const { snapshot: catalog } = await currentCatalog(conn.db);
	const scope = requireAdminScope(locals, url, catalog);
	const page = await figuresPage(conn, scope, catalog, url.searchParams);
	const town = page.filter.townId;
	return {
		...page,
		scopeTown: scope.townId
			? tr(catalog.towns.find((t) => t.id === scope.townId)?.name ?? { zh: '', en: '' })
			: null,
		towns: scope.townId ? [] : catalog.towns.map((t) => ({ id: t.id, name: tr(t.name) })),
		points: town
			? catalog.points
					.filter((p) => isPointOfTown(p, town))
					.map((p) => ({ id: p.id, name: tr(p.name) }))
			: [],
		matters: catalog.matters.map((x) => ({ id: x.id, name: tr(x.name) })),
		names: {
			points: Object.fromEntries(
				catalog.points.filter((p) => !town || p.townId === town).map((p) => [p.id, tr(p.name)])
			),
			matters: Object.fromEntries(catalog.matters.map((x) => [x.id, tr(x.name)]))
		}
	};
};

export const actions: Actions = {
	/** What was done about a poor rating, and whether that closes it. */
	followUp: async ({ locals, url, request }) => {
		const conn = database();
		const { snapshot: catalog } = await currentCatalog(conn.db);
		const scope = requireAdminScope(locals, url, catalog);
		const form = Object.fromEntries(await readForm(request)) as Record<string, string>;
		const parsed = v.safeParse(followUpSchema, form);
		if (!parsed.success) {
			return fail(400, {
				followUp: form.applicationId ?? '',
				errors: describeIssues(parsed.issues, followUpLabels),
				values: form
			});
		}
		const pointOf = (pointId: string) => catalog.points.find((p) => p.id === pointId);
		const outcome = await recordFollowUp(conn, scope, pointOf, {
			applicationId: parsed.output.applicationId,
			action: parsed.output.action,
			closed: !!parsed.output.closed
		});
		if (!outcome.ok) {
			// Another town's rating is answered as one that does not exist: which ids exist is not told.
			return fail(404, {
				followUp: parsed.output.applicationId,
				errors: [{ field: 'action', message: m.err_follow_up_not_found() }],
				values: form
			});
		}
		return {
			followUp: parsed.output.applicationId,
			saved: true,
			message: m.figures_follow_up_saved()
		};
	}
};
