import Database from 'better-sqlite3';

/** The browser tests' server database (see serve.js), for arranging what a test needs. */
export function e2eDatabase(): Database.Database {
	const db = new Database('test-results/e2e-db/e2e.db');
	db.pragma('busy_timeout = 5000');
	return db;
}

/** Changes the catalogue the way an edit does: the content, then its revision. */
export function editCatalog(run: (db: Database.Database) => void): void {
	const db = e2eDatabase();
	try {
		db.transaction(() => {
			run(db);
			db.prepare(
				"update meta set value = cast(cast(value as integer) + 1 as text) where key = 'catalog_revision'"
			).run();
		})();
	} finally {
		db.close();
	}
}
