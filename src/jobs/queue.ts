import PgBoss from 'pg-boss';
import pg from 'pg';
import { CompiledQuery } from 'kysely';
import type { Executor } from '../db/connection';

/**
 * Every queue Chartfax uses, with its payload. Payloads carry ids only — never PHI: queue tables get
 * dumped and logged.
 */
export interface JobPayloads {
  /** Run (or reconcile) the next transmission attempt of a fax. */
  'send-fax': { faxId: string };
  /** Ask an asynchronous transport how an accepted fax is doing (polling fallback for webhooks). */
  'reconcile-fax': { faxId: string };
  /** Apply a stored provider webhook event. */
  'process-provider-event': { provider: string; eventId: string };
  /** POST one status change to a host system's webhook endpoint. */
  'deliver-webhook': { deliveryId: string };
  /** E-mail one in-app notification to the clinic's owners and admins. */
  'email-notification': { notificationId: string };
  /** Find faxes stuck in rendering/sending and reconcile them. */
  watchdog: Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_NAMES: readonly JobName[] = [
  'send-fax',
  'reconcile-fax',
  'process-provider-event',
  'deliver-webhook',
  'email-notification',
  'watchdog',
];

export interface EnqueueOptions {
  startAfter?: Date;
  /** At most one queued job with this key (pg-boss singletonKey). */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/** Adapts a Kysely executor (often an open transaction) to what pg-boss needs to insert a job. */
function asPgBossDb(executor: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] };
    },
  };
}

export interface JobQueueOptions {
  connectionString: string;
  /** Seconds a running job may take before another worker may take it over (a crashed worker's job). */
  expireInSeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
}

export interface JobQueue {
  boss: PgBoss;
  /**
   * Add a job using `executor`: pass the transaction that writes the rows the job is about, so the
   * job exists exactly when they do.
   */
  enqueue<N extends JobName>(executor: Executor, name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  stop(): Promise<void>;
}

/** Errors that mean "the database is unreachable right now", not a bug. */
export function isLostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (/^(57P0[1-3]|08\d{3})$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))
  )
    return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/** How long the queue's own bookkeeping keeps retrying through a database outage. */
const QUEUE_RETRY_WINDOW_MS = 5 * 60_000;

/**
 * The connection pg-boss runs its bookkeeping on. pg-boss 10 marks a finished job complete (or failed)
 * without awaiting that query, so a database outage at that moment would surface as an unhandled
 * rejection. Statements that meet a lost connection are retried here until the database is back
 * (each is a single idempotent statement: completing a completed job changes nothing, and a job
 * fetched but never received expires and runs again).
 */
function createQueueDb(connectionString: string): { db: PgBoss.Db; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000, application_name: 'chartfax-queue' });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    db: {
      async executeSql(text: string, values: unknown[]) {
        const started = Date.now();
        for (let attempt = 0; ; attempt++) {
          try {
            return await pool.query(text, values);
          } catch (error) {
            if (!isLostConnection(error) || Date.now() - started > QUEUE_RETRY_WINDOW_MS) throw error;
            await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
          }
        }
      },
    },
    close: () => pool.end(),
  };
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const queueDb = createQueueDb(options.connectionString);
  const boss = new PgBoss({
    db: queueDb.db,
    expireInSeconds: options.expireInSeconds,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    retryLimit: 5,
    retryDelay: 1,
    retryBackoff: true,
    archiveCompletedAfterSeconds: 3600,
  });
  // pg-boss reports connection trouble as events; the job loop keeps retrying on its own.
  boss.on('error', () => undefined);
  await boss.start();
  for (const name of JOB_NAMES) {
    await boss.createQueue(name, { name, expireInSeconds: options.expireInSeconds, retryLimit: 10, retryDelay: 1, retryBackoff: true });
  }
  let stopped = false;
  return {
    boss,
    async enqueue(executor, name, payload, opts = {}) {
      await boss.send(name, payload as object, {
        db: asPgBossDb(executor),
        ...(opts.startAfter && { startAfter: opts.startAfter }),
        ...(opts.singletonKey && { singletonKey: opts.singletonKey }),
        ...(opts.retryLimit !== undefined && { retryLimit: opts.retryLimit }),
        ...(opts.retryDelaySeconds !== undefined && { retryDelay: opts.retryDelaySeconds }),
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await queueDb.close();
    },
  };
}
