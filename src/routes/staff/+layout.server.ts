import type { LayoutServerLoad } from './$types';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user || user.role === 'agent') return { user: null, pointName: null };
	const { snapshot } = await currentCatalog(database().db);
	const point = snapshot.points.find((p) => p.id === user.pointId);
	return {
		user: { displayName: user.displayName, role: user.role, pointId: user.pointId },
		pointName: point?.name ?? null
	};
};
