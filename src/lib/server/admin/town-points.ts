import type { ExpressionBuilder } from 'kysely';
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
