/**
 * The composition root: reads configuration once, builds every dependency and passes it down.
 * `startChartfax` is used by the web entry point (src/main.ts), the worker entry point
 * (src/worker-main.ts) and the integration tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import argon2 from 'argon2';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { systemClock, type Clock } from './core/clock';
import { connectDatabase, type DatabaseHandle } from './db/connection';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { isSchemaCurrent, migrateToLatest } from './db/migrate';
import { countClinics } from './db/repositories/clinics';
import { generateDemoClinic } from './db/seed/demo-clinic-data';
import { insertDemoClinic } from './db/seed/insert-demo-clinic';
import { buildApp, type Readiness } from './http/app';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_SIGN_INS = ['owner', 'admin', 'frontdesk', 'practitioner', 'limited'].map((r) => `${r}@demo.chartfax.test`);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Chartfax {
  config: Readonly<Config>;
  database: DatabaseHandle;
  app: FastifyInstance | null;
  /** Address the HTTP server listens on, when it does. */
  url: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve HTTP (the web process); false for a worker-only process. */
  http: boolean;
  clock?: Clock;
  /** Print progress lines (the start command); tests pass a no-op. */
  log?: (line: string) => void;
}

async function openDatabase(config: Readonly<Config>, log: (line: string) => void): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  log(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')} …`);
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return { url: embedded.url, embedded };
}

export async function seedDemoClinicIfEmpty(database: DatabaseHandle, log: (line: string) => void): Promise<boolean> {
  if ((await countClinics(database.db)) > 0) return false;
  log('Creating the demo clinic (synthetic data) …');
  const data = generateDemoClinic();
  await insertDemoClinic(database.db, data, await argon2.hash(DEMO_PASSWORD));
  log(`Demo clinic "${data.clinic.name}": ${data.patients.length} patients, ${data.chartEntries.length} chart entries, ${data.treatmentPlans.length} treatment plans.`);
  return true;
}

export async function startChartfax(config: Readonly<Config>, options: StartOptions): Promise<Chartfax> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const { url: databaseUrl, embedded } = await openDatabase(config, log);
  const database = connectDatabase(databaseUrl, { max: options.http ? 20 : 10 });
  const stopDatabase = async () => {
    await database.close();
    await embedded?.stop();
  };
  try {
    const applied = await migrateToLatest(database.db as never);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    if (options.http && config.seedDemo) await seedDemoClinicIfEmpty(database, log);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const checkReadiness = async (): Promise<Readiness> => {
    try {
      await sql`SELECT 1`.execute(database.db);
      const current = await isSchemaCurrent(database.db as never);
      return current ? { ready: true, problems: [] } : { ready: false, problems: ['Database migrations are not current.'] };
    } catch {
      return { ready: false, problems: ['The database cannot be reached.'] };
    }
  };

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (options.http) {
    app = await buildApp({
      db: database.db,
      clock,
      secureCookies: config.secureCookies,
      logLevel: config.logLevel,
      webRoot: path.join(projectRoot, 'dist', 'web'),
      checkReadiness,
    });
    url = await app.listen({ port: config.port, host: config.host });
  }

  let stopping: Promise<void> | null = null;
  return {
    config,
    database,
    app,
    url,
    stop() {
      stopping ??= (async () => {
        await app?.close();
        await stopDatabase();
      })();
      return stopping;
    },
  };
}
