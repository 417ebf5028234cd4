import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { PERMISSION_MATRIX, type Permission, type PrincipalRole } from '../core/permissions';
import type { FaxServiceDeps } from '../services/fax-service';
import type { IntegrationDeps } from '../services/integrations-service';
import { installAuthentication } from './auth';
import { installErrorHandling, sendError } from './error-handler';
import { FaxError } from '../core/errors';
import { apiKeyRoutes } from './routes/api-key-routes';
import { faxRecordsRoutes } from './routes/fax-records-routes';
import { faxRoutes } from './routes/fax-routes';
import { integrationRoutes, providerWebhookRoutes } from './routes/integration-routes';
import { recordRoutes } from './routes/record-routes';
import { sessionRoutes } from './routes/session-routes';
import { ErrorBody } from './schemas';

export interface Readiness {
  ready: boolean;
  problems: string[];
}

export interface AppDeps extends FaxServiceDeps, IntegrationDeps {
  secureCookies: boolean;
  logLevel: string;
  /** Built web UI to serve, or null (API only). */
  webRoot: string | null;
  checkReadiness: () => Promise<Readiness>;
  signInAttemptsPerMinute?: number;
}

/** Largest JSON body accepted (chart entries can be long, but not this long). */
export const MAX_BODY_BYTES = 1024 * 1024;

function permissionsFor(role: string): Record<string, 'all' | 'own' | false> {
  return Object.fromEntries(
    (Object.keys(PERMISSION_MATRIX) as Permission[]).map((p) => [p, PERMISSION_MATRIX[p][role as PrincipalRole] ?? false]),
  );
}

/**
 * Build the HTTP application without listening, so tests drive it with inject() and the process
 * entry point decides where to listen.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] =
    deps.logLevel === 'silent'
      ? false
      : {
          level: deps.logLevel,
          // Requests are logged by route pattern, never by raw URL: query strings can hold patient names.
          serializers: {
            req: (req: { method: string; routeOptions?: { url?: string } }) => ({
              method: req.method,
              route: req.routeOptions?.url ?? 'unknown',
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.faxNumber', '*.name'], remove: true },
        };
  const app = Fastify({
    logger,
    bodyLimit: MAX_BODY_BYTES,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: false } },
    return503OnClosing: true,
  });

  installErrorHandling(app);
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Chartfax API', version: '0.1.0', description: 'Fax chart entries and treatment plans from a patient’s chart.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'chartfax_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(cookie);
  installAuthentication(app, deps);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const readiness = await deps.checkReadiness();
    return reply
      .status(readiness.ready ? 200 : 503)
      .send({ status: readiness.ready ? 'ready' : 'not-ready', problems: readiness.problems });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(sessionRoutes, {
    deps,
    secureCookies: deps.secureCookies,
    signInAttemptsPerMinute: deps.signInAttemptsPerMinute ?? 10,
    permissionsFor,
  });
  await app.register(recordRoutes, { deps });
  await app.register(apiKeyRoutes, { deps });
  await app.register(faxRoutes, { deps });
  await app.register(faxRecordsRoutes, { deps });
  await app.register(integrationRoutes, { deps });
  await app.register(providerWebhookRoutes, { deps, publicUrl: deps.publicUrl });

  const serveWeb = deps.webRoot !== null && fs.existsSync(path.join(deps.webRoot, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: deps.webRoot!, prefix: '/', wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/patients/…) get the app shell; unknown API paths keep their JSON 404.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/webhooks/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, new FaxError('not-found', `There is no ${request.method} ${request.url.split('?')[0]} endpoint.`));
  });
  return app;
}
