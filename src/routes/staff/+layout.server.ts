import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { refusal } from '$lib/server/auth/home';

export const load: LayoutServerLoad = async ({ locals, route }) => {
	const user = locals.user;
	// Someone whose role has no counter opened one of its pages (the guard in the hooks lets a page
	// opened in the browser through to here, for this page to say so).
	const signInOrOut = route.id === '/staff/login' || route.id === '/staff/logout';
	if (user && !signInOrOut && user.role !== 'staff' && user.role !== 'admin') {
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
