import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { importRows } from '$lib/server/catalog-admin/sheets/import-rows';
import { readSheetRows } from '$lib/server/catalog-admin/sheets/read-sheet';
import { LONGEST_CELL, MAX_UNPACKED_MB } from '$lib/server/catalog-admin/sheets/read-xlsx';
import { readForm } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url }) => {
	await catalogAdmin(locals, url);
	return {};
};

export const actions: Actions = {
	import: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const form = await readForm(request);
		const kind = form.get('kind');
		if (kind !== 'points' && kind !== 'matters') error(400, m.err_invalid_input());
		if (kind === 'matters' && scope.townId !== null) error(403, m.catalog_city_only());
		const file = form.get('file');
		if (!(file instanceof File) || !file.size) {
			return fail(400, { kind, errors: [m.catalog_import_no_file()] });
		}
		const rows = await readSheetRows(file);
		if (!rows) return fail(400, { kind, errors: [m.catalog_import_bad_file()] });
		if (rows === 'not_utf8') return fail(400, { kind, errors: [m.catalog_import_not_utf8()] });
		if (rows === 'too_large') {
			return fail(400, { kind, errors: [m.catalog_import_too_large({ mb: MAX_UNPACKED_MB })] });
		}
		if (rows === 'long_cell') {
			return fail(400, { kind, errors: [m.catalog_import_long_cell({ max: LONGEST_CELL })] });
		}
		const result = await importRows(conn, { user: scope.user, townId: scope.townId }, kind, rows);
		if (!result.ok) return fail(400, { kind, errors: result.errors });
		return {
			kind,
			imported: result.count,
			message: m.catalog_import_done({ count: result.count })
		};
	}
};
