import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';

/**
 * A town's points, as a subquery: the city hall, though it stands in a town, is the city's, and its
 * work is not the town's (as in the administration scope, `pointInScope`).
 */
export function pointsOfTown<DB extends Database, TB extends keyof DB>(
	eb: ExpressionBuilder<DB, TB>,
	town: string
) {
	return (eb as unknown as ExpressionBuilder<Database, never>)
		.selectFrom('points')
		.select('points.id')
		.where('points.town_id', '=', town)
		.where('points.kind', '!=', 'city');
}

/**
 * Whether the row's point (`column`) is the place asked for: the point itself when one is named,
 * else one of the town's points (as `pointsOfTown`), else any.
 */
export function atPlace<DB extends Database, TB extends keyof DB>(
	eb: ExpressionBuilder<DB, TB>,
	column: `${string}point_id`,
	place: { pointId: string | null; townId: string | null }
): Expression<SqlBool> {
	const e = eb as unknown as ExpressionBuilder<Database, 'points'>;
	const ref = sql.ref<string>(column);
	if (place.pointId) return e(ref, '=', place.pointId);
	if (place.townId) return e(ref, 'in', pointsOfTown(e, place.townId));
	return e.lit(true);
}
