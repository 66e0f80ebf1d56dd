import type { PageServerLoad } from './$types';
import { catalogAdmin, requireCity } from '$lib/server/catalog-admin/access';
import { workingDocument } from '$lib/server/catalog-admin/draft';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	requireCity(scope);
	const doc = await workingDocument(conn.db, scope.user.id);
	return {
		matters: doc.matters.map((x) => ({
			id: x.id,
			code: x.code,
			name: { zh: x.zh, en: x.en },
			promisedDays: x.promisedDays,
			materials: x.materials.length
		}))
	};
};
