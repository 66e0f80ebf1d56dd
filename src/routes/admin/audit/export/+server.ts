import type { RequestHandler } from './$types';
import { requireAdminScope } from '$lib/server/admin/scope';
import { auditCsv } from '$lib/server/audit/csv';
import { auditEntries } from '$lib/server/audit/log';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { serviceClock } from '$lib/time';
import { auditFilterOf } from '../filter.server';

/** The filtered audit log as a CSV file, in the reader's language (the page's filter). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const scope = requireAdminScope(locals, url, snapshot);
	const { filter } = auditFilterOf(url, scope, snapshot);
	const csv = auditCsv(await auditEntries(db, scope, filter), snapshot);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="audit-${serviceClock().date}.csv"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
