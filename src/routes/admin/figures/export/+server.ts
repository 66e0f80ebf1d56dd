import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireAdminScope } from '$lib/server/admin/scope';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { fieldError } from '$lib/server/http/errors';
import { tableCsv, tableXlsx } from '$lib/server/figures/export';
import { figuresPage } from '$lib/server/figures/page';

/**
 * `GET /admin/figures/export?table=<id>&format=csv|xlsx&…the page's filters`: one table of a view
 * of the figures as a file, within the administrator's scope as on the page.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const conn = database();
	const { snapshot: catalog } = await currentCatalog(conn.db);
	const scope = requireAdminScope(locals, url, catalog);
	const format = url.searchParams.get('format');
	if (format !== 'csv' && format !== 'xlsx') {
		const message = m.err_choice({ field: 'format' });
		return fieldError(400, 'invalid_input', 'format', message);
	}
	const page = await figuresPage(conn, scope, catalog, url.searchParams);
	const table = page.tables.find((t) => t.id === url.searchParams.get('table'));
	if (!table) {
		// What was asked for, quoted: a bare id read as part of the sentence.
		const message = m.err_not_found({ field: `“${url.searchParams.get('table') ?? 'table'}”` });
		return fieldError(404, 'not_found', 'table', message);
	}
	const f = page.filter;
	const name = `${table.id}_${f.townId ?? 'city'}_${f.from}_${f.to}.${format}`;
	const headers = {
		'Content-Disposition': `attachment; filename="${name}"`,
		'Cache-Control': 'private, no-store'
	};
	if (format === 'csv') {
		return new Response(tableCsv(table), {
			headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' }
		});
	}
	return new Response(new Uint8Array(await tableXlsx(table)), {
		headers: {
			...headers,
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		}
	});
};
