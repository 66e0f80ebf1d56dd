import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { exportRows } from '$lib/server/catalog-admin/sheets/export-rows';
import { csvFile, xlsxFile } from '$lib/server/catalog-admin/sheets/write-sheet';
import { apiError, fieldError } from '$lib/server/http/errors';

const FILE = /^(points|matters)(-template)?\.(csv|xlsx)$/;

/** Points or matters (of the draft, when there is one) as a spreadsheet, or its template. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const match = FILE.exec(params.file);
	if (!match) {
		const message = m.err_not_found({ field: params.file });
		return fieldError(404, 'not_found', 'file', message);
	}
	const [, kind, template, format] = match as unknown as [
		string,
		'points' | 'matters',
		string,
		string
	];
	if (kind === 'matters' && scope.townId !== null) {
		return apiError(403, 'forbidden', m.catalog_city_only());
	}
	const all = exportRows(await workingDocument(conn.db, scope.user.id), kind, scope.townId);
	// The template: the headings and one filled-in row to copy.
	const rows = template ? all.slice(0, 2) : all;
	const body = format === 'csv' ? csvFile(rows) : await xlsxFile(rows);
	return new Response(new Uint8Array(body), {
		headers: {
			'Content-Type':
				format === 'csv'
					? 'text/csv; charset=utf-8'
					: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="${params.file}"`
		}
	});
};
