import type { CatalogSnapshot } from '$lib/catalog/types';
import type { SignedInUser } from '../auth/sessions';

/** The centre a counter page works on: a staff member's own; an admin picks any (`?point=`). */
export function pointFor(user: SignedInUser, url: URL, catalog: CatalogSnapshot) {
	const id =
		user.role === 'admin'
			? url.searchParams.get('point') || catalog.points.find((p) => p.kind === 'centre')?.id
			: user.pointId;
	return catalog.points.find((p) => p.id === id) ?? null;
}
