import type { Kysely } from 'kysely';
import type { PointKind } from '$lib/catalog/types';
import type { Database } from '../db/schema';
import { mayBeAt } from './rules';

/**
 * How many accounts of the point (disabled ones too: they may be enabled again) could not belong
 * to it were it of this kind: a centre made a proxy point would leave its clerks at no hall.
 */
export async function accountsLeftOut(
	db: Kysely<Database>,
	pointId: string,
	kind: PointKind
): Promise<number> {
	const held = await db
		.selectFrom('users')
		.select('role')
		.where('point_id', '=', pointId)
		.execute();
	return held.filter((u) => !mayBeAt(u.role, kind)).length;
}
