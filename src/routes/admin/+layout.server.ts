import type { LayoutServerLoad } from './$types';
import { requireAdminScope } from '$lib/server/admin/scope';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';

/** Who is administering, and over what: the whole city, or one town. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const { snapshot } = await currentCatalog(database().db);
	const scope = requireAdminScope(locals, url, snapshot);
	const town = scope.townId ? snapshot.towns.find((t) => t.id === scope.townId) : undefined;
	return {
		admin: {
			displayName: scope.user.displayName,
			city: scope.townId === null,
			townName: town?.name ?? null
		}
	};
};
