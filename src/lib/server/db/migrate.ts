/* eslint-disable @typescript-eslint/no-explicit-any -- the migrator works on any schema */
import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations';

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations }
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`database migration failed${name}: ${String(error)}`, { cause: error });
	}
}

/** The name of the newest migration applied, which is the schema's version. */
export async function schemaVersion(db: Kysely<any>): Promise<string | null> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const applied = (await migrator.getMigrations()).filter((m) => m.executedAt);
	return applied.at(-1)?.name ?? null;
}

export const latestSchemaVersion = Object.keys(migrations).sort().at(-1)!;
