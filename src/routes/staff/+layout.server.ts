import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { refusal, signsInOrOut } from '$lib/server/auth/home';
import { servesCounter } from '$lib/server/counter/access';

export const load: LayoutServerLoad = async ({ locals, route }) => {
	const user = locals.user;
	// Someone whose role has no counter opened one of its pages (the guard in the hooks lets a page
	// opened in the browser through to here, for this page to say so).
	if (user && !signsInOrOut(route.id ?? '') && !servesCounter(user.role)) {
		error(403, refusal(user.role));
	}
	if (!user || user.role === 'agent') return { user: null, pointName: null };
	const { snapshot } = await currentCatalog(database().db);
	const point = snapshot.points.find((p) => p.id === user.pointId);
	return {
		user: { displayName: user.displayName, role: user.role, pointId: user.pointId },
		pointName: point?.name ?? null
	};
};
