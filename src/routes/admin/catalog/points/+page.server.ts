import type { PageServerLoad } from './$types';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { workingDocument } from '$lib/server/catalog-admin/draft';
import { pointInScope } from '$lib/server/admin/scope';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const doc = await workingDocument(conn.db, scope.user.id);
	const asked = url.searchParams.get('town') ?? '';
	const town = scope.townId ?? (doc.towns.some((t) => t.id === asked) ? asked : '');
	const towns = doc.towns.filter((t) => scope.townId === null || t.id === scope.townId);
	const townName = new Map(doc.towns.map((t) => [t.id, { zh: t.zh, en: t.en }]));
	return {
		town,
		towns: towns.map((t) => ({ id: t.id, name: { zh: t.zh, en: t.en } })),
		points: doc.points
			.filter((p) => (!town || p.town === town) && pointInScope(scope, { ...p, townId: p.town }))
			.map((p) => ({
				id: p.id,
				name: { zh: p.zh, en: p.en },
				kind: p.kind,
				town: townName.get(p.town) ?? { zh: p.town, en: p.town },
				phone: p.phone,
				services: p.services.length
			}))
	};
};
