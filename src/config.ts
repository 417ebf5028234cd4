/**
 * Configuration, parsed once at boot into a frozen object. Every problem is reported at once.
 * This is the only module that reads process.env.
 */
import path from 'node:path';
import os from 'node:os';

export interface Config {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Interface to bind (HOST, default 127.0.0.1: never exposed unless asked). */
  host: string;
  /** External PostgreSQL (DATABASE_URL). When absent an embedded server is started. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL cluster and rendered documents live (CHARTFAX_DATA_DIR, default ./data). */
  dataDir: string;
  /** Create the demo clinic when the database is empty (CHARTFAX_DEMO, default true). */
  seedDemo: boolean;
  /** Run fax workers inside the web process (CHARTFAX_WORKERS_IN_PROCESS, default true). */
  workersInProcess: boolean;
  /** Rasterizer threads (CHARTFAX_RENDER_THREADS, default: one per core). */
  renderThreads: number;
  /** Secret that encrypts provider credentials at rest (CHARTFAX_SECRET_KEY, 32+ chars). */
  secretKey: string;
  /** Previous secret while rotating keys (CHARTFAX_PREVIOUS_SECRET_KEY). */
  previousSecretKey: string | null;
  /** Mark cookies Secure (CHARTFAX_SECURE_COOKIES, default true unless HOST is loopback). */
  secureCookies: boolean;
  /** Public base URL used in webhook addresses given to providers (CHARTFAX_PUBLIC_URL). */
  publicUrl: string;
  /** SMTP for allowance e-mails (SMTP_URL, e.g. smtp://user:pass@host:587). Optional. */
  smtpUrl: string | null;
  smtpFrom: string;
  /** Provider API base URLs: real by default, pointed at emulators or sandboxes when set. */
  providerBaseUrls: { documo: string; phaxio: string; telnyx: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Parallel fax attempts per worker process (CHARTFAX_SEND_CONCURRENCY, default 2). */
  sendConcurrency: number;
  /**
   * How long one attempt may run before another worker may look it up and take over
   * (CHARTFAX_ATTEMPT_LEASE_SECONDS, default 300). Must exceed the longest call.
   */
  attemptLeaseSeconds: number;
  /** A job whose worker vanished is handed to another after this (CHARTFAX_JOB_EXPIRE_SECONDS, default 900). */
  jobExpireSeconds: number;
  /** How often the queue looks for such jobs (CHARTFAX_QUEUE_MAINTENANCE_SECONDS, default 60). */
  queueMaintenanceSeconds: number;
  /** How often idle workers look for jobs (CHARTFAX_QUEUE_POLL_SECONDS, default 2). */
  queuePollSeconds: number;
  /** How often a provider is asked about a fax when webhooks stay silent (CHARTFAX_PROVIDER_POLL_SECONDS, default 120). */
  providerPollSeconds: number;
  /** How long one provider API call may take before it counts as an outage (CHARTFAX_PROVIDER_TIMEOUT_SECONDS, default 15). */
  providerTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Chartfax cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SECRET = 'chartfax-development-secret-key-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Readonly<Config> {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}").`);
    return fallback;
  };
  const url = (name: string, fallback: string | null, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.join(' or ')} (got "${parsed.protocol}").`);
      }
      return raw.replace(/\/$/, '');
    } catch {
      problems.push(`${name} is not a valid URL.`);
      return fallback;
    }
  };

  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const port = int('PORT', 3000, 0, 65535);
  const secretKey = env.CHARTFAX_SECRET_KEY ?? '';
  if (secretKey !== '' && secretKey.length < 32) {
    problems.push('CHARTFAX_SECRET_KEY must be at least 32 characters long.');
  }
  if (secretKey === '' && !loopback) {
    problems.push('CHARTFAX_SECRET_KEY is required when Chartfax listens beyond this machine (HOST is not loopback).');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, silent (got "${logLevel}").`);
  }

  const config: Config = {
    port,
    host,
    databaseUrl: url('DATABASE_URL', null, ['postgres:', 'postgresql:']),
    dataDir: path.resolve(cwd, env.CHARTFAX_DATA_DIR && env.CHARTFAX_DATA_DIR !== '' ? env.CHARTFAX_DATA_DIR : 'data'),
    seedDemo: bool('CHARTFAX_DEMO', true),
    workersInProcess: bool('CHARTFAX_WORKERS_IN_PROCESS', true),
    renderThreads: int('CHARTFAX_RENDER_THREADS', Math.max(1, os.availableParallelism()), 1, 64),
    secretKey: secretKey === '' ? DEV_SECRET : secretKey,
    previousSecretKey: env.CHARTFAX_PREVIOUS_SECRET_KEY ? env.CHARTFAX_PREVIOUS_SECRET_KEY : null,
    secureCookies: bool('CHARTFAX_SECURE_COOKIES', !loopback),
    publicUrl: url('CHARTFAX_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) ?? '',
    smtpUrl: url('SMTP_URL', null, ['smtp:', 'smtps:']),
    smtpFrom: env.SMTP_FROM ?? 'Chartfax <chartfax@localhost>',
    providerBaseUrls: {
      documo: url('DOCUMO_BASE_URL', 'https://api.documo.com', ['http:', 'https:']) ?? '',
      phaxio: url('PHAXIO_BASE_URL', 'https://api.phaxio.com/v2.1', ['http:', 'https:']) ?? '',
      telnyx: url('TELNYX_BASE_URL', 'https://api.telnyx.com', ['http:', 'https:']) ?? '',
    },
    logLevel,
    sendConcurrency: int('CHARTFAX_SEND_CONCURRENCY', 2, 1, 32),
    attemptLeaseSeconds: int('CHARTFAX_ATTEMPT_LEASE_SECONDS', 300, 1, 86_400),
    jobExpireSeconds: int('CHARTFAX_JOB_EXPIRE_SECONDS', 900, 1, 86_400),
    queueMaintenanceSeconds: int('CHARTFAX_QUEUE_MAINTENANCE_SECONDS', 60, 1, 3_600),
    queuePollSeconds: int('CHARTFAX_QUEUE_POLL_SECONDS', 2, 1, 60),
    providerPollSeconds: int('CHARTFAX_PROVIDER_POLL_SECONDS', 120, 1, 3_600),
    providerTimeoutSeconds: int('CHARTFAX_PROVIDER_TIMEOUT_SECONDS', 15, 1, 300),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ ...config, providerBaseUrls: Object.freeze(config.providerBaseUrls) });
}
