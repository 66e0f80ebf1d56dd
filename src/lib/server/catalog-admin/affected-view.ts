import type { Kysely } from 'kysely';
import type { Text } from '$lib/catalog/types';
import type { Database } from '../db/schema';
import type { AffectedRow } from './versions';

export interface AffectedView extends AffectedRow {
	point: Text;
	matter: Text;
}

/** The listed bookings with their point's and matter's names (the id when the catalogue lost it). */
export async function affectedView(
	db: Kysely<Database>,
	rows: AffectedRow[]
): Promise<AffectedView[]> {
	if (!rows.length) return [];
	const [points, matters] = await Promise.all([
		db
			.selectFrom('points')
			.select(['id', 'name_zh', 'name_en'])
			.where('id', 'in', [...new Set(rows.map((r) => r.pointId))])
			.execute(),
		db
			.selectFrom('matters')
			.select(['id', 'name_zh', 'name_en'])
			.where('id', 'in', [...new Set(rows.map((r) => r.matterId))])
			.execute()
	]);
	const name = (list: { id: string; name_zh: string; name_en: string }[], id: string): Text => {
		const row = list.find((r) => r.id === id);
		return row ? { zh: row.name_zh, en: row.name_en } : { zh: id, en: id };
	};
	return rows.map((r) => ({
		...r,
		point: name(points, r.pointId),
		matter: name(matters, r.matterId)
	}));
}
