import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FaxError } from '../core/errors';
import type { AuthDeps } from '../services/auth-service';
import { authenticateApiKey, authenticateSession } from '../services/auth-service';
import type { Principal } from '../services/principal';

export const SESSION_COOKIE = 'chartfax_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** How the principal authenticated: cookie-authenticated writes need the CSRF header. */
    authMethod: 'session' | 'api-key' | null;
    sessionCsrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolve the caller on every /api request (and only there). A bearer API key wins over a cookie. Cookie-authenticated
 * writes must echo the session's CSRF token in X-CSRF-Token (the cookie alone proves nothing about
 * which page sent the request).
 */
export function installAuthentication(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionCsrfToken', null);

  app.addHook('preHandler', async (request) => {
    // Only the API knows sessions and API keys. Provider webhooks carry their own proof (a signature,
    // or the Basic pair Chartfax generated), checked by their handler.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match ? await authenticateApiKey(deps, match[1]!) : null;
      if (!principal)
        throw new FaxError('unauthenticated', 'The API key is not valid or has been revoked. Create a new one in Settings → API keys.');
      request.principal = principal;
      request.authMethod = 'api-key';
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await authenticateSession(deps, token);
    if (!session) return;
    request.principal = session.principal;
    request.authMethod = 'session';
    request.sessionCsrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new FaxError('csrf-failed');
    }
  });
}

/** The caller, or a 401 that says how to authenticate. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new FaxError('unauthenticated', 'Sign in to continue (or send an API key as "Authorization: Bearer …").');
  return request.principal;
}
