/* eslint-disable @typescript-eslint/no-explicit-any -- the migrator works on any schema */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { migrations } from './migrations';

/**
 * The migrator of this database. On PostgreSQL its tables live in the connection's own schema:
 * left to itself, Kysely takes another schema's migration tables in the same database for ours.
 */
async function migratorOf(db: Kysely<any>): Promise<Migrator> {
	let migrationTableSchema: string | undefined;
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
		migrationTableSchema = rows[0]?.schema;
	}
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableSchema,
		// A migration merged in after a later one had run (on a developer's database) still runs.
		allowUnorderedMigrations: true
	});
}

/** Runs the migrations not run yet, up to `target` (default: all). */
export async function migrateToLatest(db: Kysely<any>, target?: string): Promise<void> {
	const migrator = await migratorOf(db);
	const { error, results } = await (target
		? migrator.migrateTo(target)
		: migrator.migrateToLatest());
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`database migration failed${name}: ${String(error)}`, { cause: error });
	}
}

/** The name of the newest migration applied, which is the schema's version. */
export async function schemaVersion(db: Kysely<any>): Promise<string | null> {
	const applied = (await (await migratorOf(db)).getMigrations()).filter((m) => m.executedAt);
	return applied.at(-1)?.name ?? null;
}

export const latestSchemaVersion = Object.keys(migrations).sort().at(-1)!;
