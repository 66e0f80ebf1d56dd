import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import { restoreVersion } from '$lib/server/catalog-admin/publish';
import { latestVersion, listVersions } from '$lib/server/catalog-admin/versions';
import { readForm } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn } = await catalogAdmin(locals, url);
	return { versions: await listVersions(conn.db) };
};

export const actions: Actions = {
	restore: async ({ locals, url, request }) => {
		const { conn, scope, publisher } = await catalogAdmin(locals, url);
		requireCity(scope);
		const fields = await readForm(request);
		const version = Number(fields.get('version'));
		if (!Number.isInteger(version) || version < 1) error(400, m.err_invalid_input());
		// The whole city's catalogue changes at once: asked again before it is done, and again when
		// another version was published since the question named the new one's number.
		const latest = await latestVersion(conn.db);
		if (fields.get('confirm') !== '1' || Number(fields.get('latest')) !== latest) {
			return { confirmRestore: version };
		}
		const result = await restoreVersion(conn, publisher, version);
		if (!result) error(404, m.err_not_found({ field: m.catalog_version_n({ n: version }) }));
		if (result.status === 'published') {
			redirect(303, `/admin/catalog/versions/${result.version}?published=1`);
		}
		return fail(400, {
			message: result.status === 'unchanged' ? m.catalog_unchanged() : m.catalog_invalid_draft()
		});
	}
};
