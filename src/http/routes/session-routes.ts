import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { getMe, signIn, signOut, type AuthDeps, SESSION_IDLE_MS } from '../../services/auth-service';
import { requirePrincipal, SESSION_COOKIE } from '../auth';
import { errorResponses } from '../schemas';

const MeBody = Type.Object({
  kind: Type.Union([Type.Literal('staff'), Type.Literal('api-key')]),
  clinicId: Type.String(),
  clinic: Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String(), country: Type.String() }),
  role: Type.String(),
  displayName: Type.String(),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  staff: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      firstName: Type.String(),
      lastName: Type.String(),
      practitionerTitle: Type.Union([Type.String(), Type.Null()]),
      credentials: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
  permissions: Type.Record(Type.String(), Type.Union([Type.Literal('all'), Type.Literal('own'), Type.Literal(false)])),
});

export interface SessionRouteOptions {
  deps: AuthDeps;
  secureCookies: boolean;
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute: number;
  permissionsFor: (role: string) => Record<string, 'all' | 'own' | false>;
}

export async function sessionRoutes(app: FastifyInstance, opts: SessionRouteOptions): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(rateLimit, { global: false });

  r.post(
    '/api/session',
    {
      config: { rateLimit: { max: opts.signInAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        body: Type.Object(
          { email: Type.String({ minLength: 1, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 200: MeBody, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await signIn(opts.deps, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        secure: opts.secureCookies,
        sameSite: 'strict',
        path: '/',
        maxAge: Math.floor(SESSION_IDLE_MS / 1000),
      });
      const me = await getMe(opts.deps, result.principal);
      return { ...me, csrfToken: result.csrfToken, permissions: opts.permissionsFor(me.role) };
    },
  );

  r.delete(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      requirePrincipal(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(opts.deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/me',
    { schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: MeBody, ...errorResponses(401) } } },
    async (request) => {
      const principal = requirePrincipal(request);
      const me = await getMe(opts.deps, principal);
      return { ...me, csrfToken: request.sessionCsrfToken, permissions: opts.permissionsFor(me.role) };
    },
  );
}
