import type { PageServerLoad } from './$types';
import { tr } from '$lib/i18n';
import { requireAdminScope } from '$lib/server/admin/scope';
import { COMMAND_LINE } from '$lib/server/accounts/rules';
import { AUDIT_ACTIONS, actionWords, entryDetails } from '$lib/server/audit/describe';
import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE, auditPage } from '$lib/server/audit/log';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { pageNumber } from '$lib/server/http/page-number';
import { auditFilterOf } from './filter.server';

/** The audit log in words, newest first, filtered; a town's administrator sees the town's. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const scope = requireAdminScope(locals, url, snapshot);
	const { filter, values, errors, centres } = auditFilterOf(url, scope, snapshot);
	const page = pageNumber(url.searchParams.get('page'));
	const { entries, total } = await auditPage(db, scope, filter, page);
	const pointName = (id: string | null) => {
		const point = id ? snapshot.points.find((p) => p.id === id) : undefined;
		return point ? tr(point.name) : id;
	};
	// A person's account opens from here when this administrator may manage it.
	const mayOpen = (e: (typeof entries)[number]) =>
		e.displayName !== null &&
		(scope.townId === null ? true : !e.userIsCityAdmin && e.userTownId === scope.townId);
	return {
		values,
		errors,
		centres,
		actions: AUDIT_ACTIONS.map((a) => ({ id: a, label: actionWords(a) })),
		page,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		total,
		exportLimit: AUDIT_EXPORT_LIMIT,
		// The counter's record of an application opens for a city administrator, who may serve anywhere.
		linkApplications: scope.townId === null,
		entries: entries.map((e) => ({
			id: e.id,
			at: e.at,
			username: e.username,
			displayName: e.displayName,
			userId: mayOpen(e) ? e.userId : null,
			commandLine: e.userId === COMMAND_LINE.id,
			action: actionWords(e.action),
			point: pointName(e.pointId),
			applicationId: e.applicationId,
			reference: e.reference,
			details: entryDetails(e, snapshot)
		}))
	};
};
