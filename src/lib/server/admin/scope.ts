import { error, redirect } from '@sveltejs/kit';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { SignedInUser } from '../auth/sessions';
import { refusal } from '../auth/home';

/** What an administrator runs: the whole city (`townId` null), or one town. */
export interface AdminScope {
	user: SignedInUser;
	townId: string | null;
}

/**
 * The administration scope of a signed-in user: a city administrator's is the city; a town
 * administrator's is the town of their centre; anyone else has none.
 */
export function adminScopeOf(user: SignedInUser, catalog: CatalogSnapshot): AdminScope | null {
	if (user.role === 'admin') return { user, townId: null };
	if (user.role !== 'town_admin') return null;
	const centre = catalog.points.find((p) => p.id === user.pointId);
	return centre ? { user, townId: centre.townId } : null;
}

/** The scope of the signed-in administrator (city or town); anyone else is refused. */
export function requireAdminScope(
	locals: App.Locals,
	url: URL,
	catalog: CatalogSnapshot
): AdminScope {
	const user = locals.user;
	if (!user) redirect(303, `/staff/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const scope = adminScopeOf(user, catalog);
	if (!scope) error(403, refusal(user.role));
	return scope;
}

/** Whether a town (or a point of it) is within the scope. */
export function inScope(scope: AdminScope, townId: string): boolean {
	return scope.townId === null || scope.townId === townId;
}

/**
 * Whether a point is the administrator's to run: a town's points are its administrator's, but the
 * city hall, though it stands in a town, is the city's alone.
 */
export function pointInScope(scope: AdminScope, point: { townId: string; kind: string }): boolean {
	return scope.townId === null || isPointOfTown(point, scope.townId);
}

/** Whether a point is one of the town's own: not the city hall, though it stands in a town. */
export function isPointOfTown(point: { townId: string; kind: string }, townId: string): boolean {
	return point.kind !== 'city' && point.townId === townId;
}

/** The same of a point as the catalogue document holds it (`town`, not `townId`). */
export const isDocPointOfTown = (point: { town: string; kind: string }, townId: string) =>
	isPointOfTown({ townId: point.town, kind: point.kind }, townId);
