import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-clinic-records';
import * as m0002 from './migrations/0002-faxing';

/**
 * Numbered migrations, in order. A landed migration is never edited: add a new one.
 * Listed statically so the set is fixed at build time, not discovered from the file system.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-clinic-records': m0001,
  '0002-faxing': m0002,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'chartfax_migrations',
    migrationLockTableName: 'chartfax_migrations_lock',
  });
}

/** Apply every pending migration; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness check). */
export async function isSchemaCurrent(db: Kysely<unknown>): Promise<boolean> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
