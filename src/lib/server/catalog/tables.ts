import type { Tx } from '../db/transaction';

/** Every catalogue table, each in the order the catalogue lists it. */
export function readCatalogTables(db: Tx) {
	return Promise.all([
		db.selectFrom('categories').selectAll().orderBy('sort').orderBy('id').execute(),
		db.selectFrom('departments').selectAll().orderBy('id').execute(),
		db.selectFrom('towns').selectAll().orderBy('sort').orderBy('id').execute(),
		db.selectFrom('points').selectAll().orderBy('town_id').orderBy('id').execute(),
		db.selectFrom('point_closures').selectAll().orderBy('point_id').orderBy('date').execute(),
		db.selectFrom('matters').selectAll().orderBy('sort').orderBy('id').execute(),
		db
			.selectFrom('materials')
			.selectAll()
			.orderBy('matter_id')
			.orderBy('sort')
			.orderBy('id')
			.execute(),
		db.selectFrom('point_matters').selectAll().orderBy('point_id').orderBy('matter_id').execute(),
		db.selectFrom('bundles').selectAll().orderBy('sort').orderBy('id').execute(),
		db.selectFrom('bundle_matters').selectAll().orderBy('bundle_id').orderBy('sort').execute()
	]);
}
