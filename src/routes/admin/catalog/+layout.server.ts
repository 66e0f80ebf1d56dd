import type { LayoutServerLoad } from './$types';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { readDraft } from '$lib/server/catalog-admin/draft';
import { draftChanges } from '$lib/server/catalog-admin/rebase-draft';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const { conn, scope } = await catalogAdmin(locals, url);
	const draft = await readDraft(conn.db, scope.user.id);
	const changes = draft ? await draftChanges(conn.db, draft) : [];
	return {
		townId: scope.townId,
		isCity: scope.townId === null,
		draft: draft
			? { updatedBy: draft.updatedBy, updatedAt: draft.updatedAt, base: draft.base, changes }
			: null
	};
};
