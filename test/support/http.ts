import type { FastifyInstance } from 'fastify';
import { onFileEnd } from './cleanup';
import { systemClock, type Clock } from '../../src/core/clock';
import { buildApp } from '../../src/http/app';
import { startJobQueue } from '../../src/jobs/queue';
import { createSecretBox } from '../../src/db/secret-box';
import { createRenderer } from '../../src/render';
import type { TestDatabase } from './database';
import { FIXTURE_PASSWORD } from './fixtures';

/**
 * The HTTP app over a test database, with a real job queue (jobs are written, no worker runs them)
 * and a real renderer.
 */
export async function createTestApp(
  db: TestDatabase,
  options: { clock?: Clock; signInAttemptsPerMinute?: number; fetch?: typeof fetch } = {},
): Promise<FastifyInstance> {
  const queue = await startJobQueue({
    connectionString: db.url,
    expireInSeconds: 60,
    maintenanceIntervalSeconds: 60,
    pollingIntervalSeconds: 1,
  });
  onFileEnd(() => queue.stop());
  const renderer = createRenderer({ threads: 1 });
  onFileEnd(() => renderer.close());
  const app = await buildApp({
    db: db.db,
    queue,
    renderer,
    secrets: createSecretBox('test-secret-key-with-at-least-32-characters'),
    fetch: options.fetch ?? fetch,
    publicUrl: 'http://127.0.0.1:3000',
    providerBaseUrls: { documo: 'http://127.0.0.1:9', phaxio: 'http://127.0.0.1:9', telnyx: 'http://127.0.0.1:9' },
    clock: options.clock ?? systemClock,
    secureCookies: true,
    logLevel: 'silent',
    webRoot: null,
    checkReadiness: async () => ({ ready: true, problems: [] }),
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 1000,
  });
  onFileEnd(() => app.close());
  return app;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/** Sign in like the browser does; `headers` carries the cookie and the CSRF token for writes. */
export async function signInAs(app: FastifyInstance, email: string, password = FIXTURE_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  const cookie = setCookie.split(';')[0]!;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
