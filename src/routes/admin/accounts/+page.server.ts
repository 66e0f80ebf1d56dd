import type { PageServerLoad } from './$types';
import { requireAdminScope } from '$lib/server/admin/scope';
import { ACCOUNT_STATUSES, ACCOUNTS_PAGE_SIZE, listAccounts } from '$lib/server/accounts/list';
import { ROLES } from '$lib/server/accounts/rules';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { pageNumber } from '$lib/server/http/page-number';
import { pointChoices } from './choices.server';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const scope = requireAdminScope(locals, url, snapshot);
	const params = url.searchParams;
	const points = pointChoices(snapshot, scope);
	const pick = <T extends string>(list: readonly T[], value: string | null) =>
		list.find((x) => x === value);
	const filter = {
		role: pick(ROLES, params.get('role')),
		status: pick(ACCOUNT_STATUSES, params.get('status')),
		pointId: pick(
			points.flatMap((g) => g.points.map((p) => p.id)),
			params.get('point')
		),
		q: (params.get('q') ?? '').trim().slice(0, 50) || undefined
	};
	const page = pageNumber(params.get('page'));
	const { rows, total } = await listAccounts(db, scope, filter, page);
	const names = new Map(snapshot.points.map((p) => [p.id, p.name]));
	return {
		filter,
		page,
		pages: Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE)),
		total,
		roles: scope.townId === null ? [...ROLES] : ROLES.filter((r) => r !== 'admin'),
		points,
		accounts: rows.map((r) => ({
			...r,
			pointName: r.pointId ? (names.get(r.pointId) ?? null) : null,
			self: r.id === scope.user.id
		}))
	};
};
