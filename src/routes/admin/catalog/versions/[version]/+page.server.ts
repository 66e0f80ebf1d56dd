import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { listAffected, versionSummary } from '$lib/server/catalog-admin/versions';
import { affectedView } from '$lib/server/catalog-admin/affected-view';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const n = Number(params.version);
	const version = await versionSummary(conn.db, n);
	if (!version) error(404, m.err_not_found({ field: m.catalog_version_n({ n: params.version }) }));
	const affected = await listAffected(conn.db, { townId: scope.townId, version: n });
	return {
		version,
		published: url.searchParams.has('published'),
		affected: await affectedView(conn.db, affected)
	};
};
