/** `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database. */
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db/connection';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrateToLatest } from '../src/db/migrate';

const config = loadConfig();
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
const database = connectDatabase(config.databaseUrl ?? embedded!.url, { max: 1 });
try {
  const applied = await migrateToLatest(database.db as never);
  process.stdout.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
} finally {
  await database.close();
  await embedded?.stop();
}
