import type { CatalogSnapshot, Text } from '$lib/catalog/types';
import { pointInScope, type AdminScope } from '$lib/server/admin/scope';
import { rolesGrantable } from '$lib/server/accounts/rules';
import type { Role } from '$lib/server/db/schema';

export interface PointGroup {
	townId: string;
	town: Text;
	points: { id: string; name: Text }[];
}

/** The points an administrator may give an account, town by town, centres first. */
export function pointChoices(snapshot: CatalogSnapshot, scope: AdminScope): PointGroup[] {
	const rank = { city: 0, centre: 1, village: 2, proxy: 3 };
	return snapshot.towns
		.filter((t) => scope.townId === null || t.id === scope.townId)
		.map((town) => ({
			townId: town.id,
			town: town.name,
			points: snapshot.points
				.filter((p) => p.townId === town.id && pointInScope(scope, p))
				.sort((a, b) => rank[a.kind] - rank[b.kind])
				.map((p) => ({ id: p.id, name: p.name }))
		}));
}

/** What the account forms offer. */
export function accountChoices(
	snapshot: CatalogSnapshot,
	scope: AdminScope
): { roles: Role[]; points: PointGroup[] } {
	return { roles: rolesGrantable(scope), points: pointChoices(snapshot, scope) };
}
