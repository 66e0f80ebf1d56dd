import type { CatalogSnapshot } from '$lib/catalog/types';
import type { SignedInUser } from '../auth/sessions';

/**
 * Where an administrator may work a counter: the city's hall first (the city's own place), then
 * each town's centre in the catalogue's order of towns.
 */
export function counterPlaces(catalog: CatalogSnapshot) {
	return [
		...catalog.points.filter((p) => p.kind === 'city'),
		...catalog.points.filter((p) => p.kind === 'centre')
	];
}

/** The centre a counter page works on: a staff member's own; an admin picks one (`?point=`). */
export function pointFor(user: SignedInUser, url: URL, catalog: CatalogSnapshot) {
	const id =
		user.role === 'admin'
			? url.searchParams.get('point') || counterPlaces(catalog)[0]?.id
			: user.pointId;
	return catalog.points.find((p) => p.id === id) ?? null;
}
