import type { FastifyInstance } from 'fastify';
import { onFileEnd } from './cleanup';
import { systemClock, type Clock } from '../../src/core/clock';
import type { Executor } from '../../src/services/service-deps';
import { buildApp } from '../../src/http/app';
import { FIXTURE_PASSWORD } from './fixtures';

export async function createTestApp(db: Executor, options: { clock?: Clock; signInAttemptsPerMinute?: number } = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    db,
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
