import type { Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { mean, type FigureTable } from '$lib/figures/table';
import { tr } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { ALL_MATTERS, STAR_COLUMNS } from './clerk-ratings';
import type { FigureFilter } from './filters';
import { atPlace } from '../admin/town-points';

type Db = Kysely<Database> | Tx;

/**
 * The period's ratings per clerk (who completed the application) and point, at the filter's
 * places and matter: how many, their average stars and how many were poor (≤ 2 stars).
 */
export async function ratingsByClerk(
	db: Db,
	catalog: CatalogSnapshot,
	f: FigureFilter
): Promise<FigureTable> {
	let q = db
		.selectFrom('clerk_ratings as c')
		.select(['c.point_id', 'c.clerk_id'])
		.select((eb) => STAR_COLUMNS.map((k) => eb.fn.sum<number>(`c.${k}`).as(k)))
		.where('c.matter_id', '=', f.matterId ?? ALL_MATTERS)
		.where('c.day', '>=', f.from)
		.where('c.day', '<=', f.to);
	q = q.where((eb) => atPlace(eb, 'c.point_id', f));
	const rows = await q.groupBy(['c.point_id', 'c.clerk_id']).execute();
	const names = await clerkNames(db, [...new Set(rows.map((r) => r.clerk_id))]);
	const points = new Map(catalog.points.map((p, i) => [p.id, { point: p, order: i }]));
	const lines = rows
		.map((r) => {
			const counts = STAR_COLUMNS.map((k) => Number(r[k] ?? 0));
			const ratings = counts.reduce((s, x) => s + x, 0);
			const stars = counts.reduce((s, x, i) => s + (i + 1) * x, 0);
			const p = points.get(r.point_id);
			return {
				order: p?.order ?? Infinity,
				clerk: names.get(r.clerk_id) ?? (r.clerk_id || m.figures_clerk_unrecorded()),
				point: p ? tr(p.point.name) : r.point_id,
				ratings,
				average: mean(stars, ratings),
				poor: counts[0]! + counts[1]!
			};
		})
		.filter((r) => r.ratings > 0)
		.sort(
			(a, b) =>
				a.order - b.order ||
				b.ratings - a.ratings ||
				(a.clerk < b.clerk ? -1 : a.clerk > b.clerk ? 1 : 0)
		);
	const n = (label: string, key: string) => ({ key, label, numeric: true });
	return {
		id: 'ratings-by-clerk',
		title: m.figures_by_clerk(),
		columns: [
			{ key: 'clerk', label: m.figures_clerk() },
			{ key: 'point', label: m.figures_point() },
			n(m.figures_ratings(), 'ratings'),
			n(m.figures_average_stars(), 'average'),
			n(m.figures_poor(), 'poor')
		],
		rows: lines.map(({ clerk, point, ratings, average, poor }) => ({
			clerk,
			point,
			ratings,
			average,
			poor
		}))
	};
}

/** The clerks' names as their accounts give them. */
async function clerkNames(db: Db, ids: string[]): Promise<Map<string, string>> {
	const known = ids.filter(Boolean);
	if (!known.length) return new Map();
	const users = await db
		.selectFrom('users')
		.select(['id', 'display_name', 'username'])
		.where('id', 'in', known)
		.execute();
	return new Map(users.map((u) => [u.id, u.display_name || u.username]));
}
