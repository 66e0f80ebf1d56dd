import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireAdminScope, type AdminScope } from '../admin/scope';
import { currentCatalog } from '../catalog/cache';
import { database } from '../db';

/** The catalogue administrator's scope (city or town) and the database, for a page or action. */
export async function catalogAdmin(locals: App.Locals, url: URL) {
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const scope = requireAdminScope(locals, url, snapshot);
	return { conn, scope, publisher: { user: scope.user, townId: scope.townId } };
}

/** Matters, towns and the other city-wide structures: the city administrator's alone. */
export function requireCity(scope: AdminScope): void {
	if (scope.townId !== null) error(403, m.catalog_city_only());
}
