/* eslint-disable @typescript-eslint/no-explicit-any -- the migrator works on any schema */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { migrations } from './migrations';

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
	const migrator = await migratorOf(db);
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`database migration failed${name}: ${String(error)}`, { cause: error });
	}
}

/** The name of the newest migration applied, which is the schema's version. */
export async function schemaVersion(db: Kysely<any>): Promise<string | null> {
	const migrator = await migratorOf(db);
	const applied = (await migrator.getMigrations()).filter((m) => m.executedAt);
	return applied.at(-1)?.name ?? null;
}

/**
 * On PostgreSQL the migrator is told the connection's own schema: left to itself, it takes its
 * tables in any schema of the database (another test's, say) for its own.
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
		migrationTableSchema
	});
}

export const latestSchemaVersion = Object.keys(migrations).sort().at(-1)!;
