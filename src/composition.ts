/**
 * The composition root: reads configuration once, builds every dependency and passes it down.
 * `startChartfax` is used by the web entry point (src/main.ts), the worker entry point
 * (src/worker-main.ts), the integration tests and the benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import argon2 from 'argon2';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { systemClock, type Clock } from './core/clock';
import { FaxError } from './core/errors';
import type { FaxTransport } from './core/transport';
import { connectDatabase, type DatabaseHandle } from './db/connection';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { isSchemaCurrent, migrateToLatest } from './db/migrate';
import { countClinics } from './db/repositories/clinics';
import { createSecretBox } from './db/secret-box';
import type { Fax } from './db/schema';
import { generateDemoClinic } from './db/seed/demo-clinic-data';
import { insertDemoClinic } from './db/seed/insert-demo-clinic';
import { buildApp, type Readiness } from './http/app';
import type { EngineDeps } from './jobs/fax-engine';
import { startJobQueue, type JobQueue } from './jobs/queue';
import { createSmtpMailer } from './jobs/smtp-mailer';
import { createPgCallStore } from './jobs/test-line-store';
import { startWorkers } from './jobs/workers';
import { createRenderer, type Renderer } from './render';
import { createProviderTransport, isProviderId, type ProviderCredentials } from './transports/registry';
import { reencryptStaleSecrets, webhookUrlFor } from './services/integrations-service';
import { createTestLineTransport } from './transports/test-line/test-line-transport';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_SIGN_INS = ['owner', 'admin', 'frontdesk', 'practitioner', 'limited'].map((r) => `${r}@demo.chartfax.test`);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FAX_LINE_HELPER_PATH = path.join(projectRoot, 'native', 'fax-line', 'build', 'fax-line');

export interface Chartfax {
  config: Readonly<Config>;
  database: DatabaseHandle;
  queue: JobQueue;
  renderer: Renderer;
  engine: EngineDeps;
  app: FastifyInstance | null;
  /** Address the HTTP server listens on, when it does. */
  url: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve HTTP (the web process); false for a worker-only process. */
  http: boolean;
  /** Run fax workers in this process (default: config.workersInProcess, always true without http). */
  workers?: boolean;
  clock?: Clock;
  /** Outgoing HTTP (providers, webhooks); tests may route it to emulators. */
  fetch?: typeof fetch;
  /** Print progress lines (the start command); tests pass a no-op. */
  log?: (line: string) => void;
}

async function openDatabase(
  config: Readonly<Config>,
  log: (line: string) => void,
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
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
  log(
    `Demo clinic "${data.clinic.name}": ${data.patients.length} patients, ${data.chartEntries.length} chart entries, ${data.treatmentPlans.length} treatment plans.`,
  );
  return true;
}

export async function startChartfax(config: Readonly<Config>, options: StartOptions): Promise<Chartfax> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const fetchImpl = options.fetch ?? fetch;
  if (!fs.existsSync(FAX_LINE_HELPER_PATH)) {
    throw new Error(`The test line's fax helper is not built (${FAX_LINE_HELPER_PATH}). Run "npm run build" first.`);
  }
  const { url: databaseUrl, embedded } = await openDatabase(config, log);
  const database = connectDatabase(databaseUrl, { max: options.http ? 20 : 10 });
  // Run in reverse on stop: the pool closes before the embedded server it talks to goes away.
  const cleanups: (() => Promise<unknown>)[] = [async () => embedded?.stop(), async () => database.close()];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const applied = await migrateToLatest(database.db as never);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    if (options.http && config.seedDemo) await seedDemoClinicIfEmpty(database, log);

    const queue = await startJobQueue({
      connectionString: databaseUrl,
      expireInSeconds: config.jobExpireSeconds,
      maintenanceIntervalSeconds: config.queueMaintenanceSeconds,
      pollingIntervalSeconds: config.queuePollSeconds,
    });
    cleanups.push(() => queue.stop());
    const renderer = createRenderer({ threads: config.renderThreads });
    cleanups.push(() => renderer.close());
    const secrets = createSecretBox(config.secretKey, config.previousSecretKey);
    const tempDir = path.join(config.dataDir, 'tmp');
    fs.mkdirSync(tempDir, { recursive: true });

    const testLine = createTestLineTransport({
      helperPath: FAX_LINE_HELPER_PATH,
      store: createPgCallStore(database.db),
      tempDir,
      onProgress: (pagesSent, totalPages, call) => {
        // Progress is a nicety: a failed write must not disturb the call.
        database.db
          .updateTable('faxes')
          .set({ progress: JSON.stringify({ pagesSent, totalPages }) })
          .where('id', '=', call.faxId)
          .execute()
          .catch(() => undefined);
      },
    });
    const rotated = await reencryptStaleSecrets({ db: database.db, secrets });
    if (rotated > 0) log(`Re-encrypted ${rotated} stored secret(s) with the new CHARTFAX_SECRET_KEY.`);
    // A fax goes out on the connection it was created with, even after the clinic switched providers.
    const resolveTransport = async (fax: Fax): Promise<FaxTransport> => {
      if (fax.transport === 'test-line') return testLine;
      if (!isProviderId(fax.transport) || !fax.connection_id)
        throw new FaxError('not-configured', 'This fax has no fax provider connection.');
      const connection = await database.db
        .selectFrom('provider_connections')
        .select(['credentials_encrypted', 'webhook_token'])
        .where('id', '=', fax.connection_id)
        .executeTakeFirst();
      if (!connection) throw new FaxError('not-configured', 'The fax provider connection of this fax was removed.');
      const credentials = JSON.parse(secrets.open(connection.credentials_encrypted)) as ProviderCredentials;
      const baseUrl = credentials.baseUrl || config.providerBaseUrls[fax.transport];
      return createProviderTransport(
        fax.transport,
        { ...credentials, baseUrl },
        {
          fetch: fetchImpl,
          timeoutMs: config.providerTimeoutSeconds * 1000,
          webhookUrl: webhookUrlFor(config.publicUrl, fax.transport, connection.webhook_token),
        },
      );
    };
    const engine: EngineDeps = {
      db: database.db,
      clock,
      queue,
      secrets,
      mailer: config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.smtpFrom) : null,
      fetch: fetchImpl,
      renderer,
      resolveTransport,
      attemptLeaseMs: config.attemptLeaseSeconds * 1000,
      pollIntervalMs: config.providerPollSeconds * 1000,
    };
    if (options.workers ?? (!options.http || config.workersInProcess)) {
      await startWorkers(queue, engine, { sendConcurrency: config.sendConcurrency, pollingIntervalSeconds: config.queuePollSeconds });
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
        queue,
        secrets,
        renderer,
        fetch: fetchImpl,
        publicUrl: config.publicUrl,
        providerBaseUrls: config.providerBaseUrls,
        providerTimeoutMs: config.providerTimeoutSeconds * 1000,
        secureCookies: config.secureCookies,
        logLevel: config.logLevel,
        webRoot: path.join(projectRoot, 'dist', 'web'),
        checkReadiness,
      });
      const server = app;
      cleanups.push(() => server.close());
      url = await app.listen({ port: config.port, host: config.host });
    }

    let stopping: Promise<void> | null = null;
    return {
      config,
      database,
      queue,
      renderer,
      engine,
      app,
      url,
      stop() {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
