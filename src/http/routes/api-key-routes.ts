import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createApiKey, listApiKeys, revokeApiKeyOrThrow, type AuthDeps } from '../../services/auth-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, NullableString } from '../schemas';

const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: NullableString,
  revokedAt: NullableString,
});

export async function apiKeyRoutes(app: FastifyInstance, opts: { deps: AuthDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/api-keys',
    { schema: { tags: ['api-keys'], response: { 200: Type.Object({ apiKeys: Type.Array(ApiKey) }), ...errorResponses(401, 403) } } },
    async (request) => {
      const rows = await listApiKeys(opts.deps, requirePrincipal(request));
      return {
        apiKeys: rows.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.created_at.toISOString(),
          lastUsedAt: k.last_used_at?.toISOString() ?? null,
          revokedAt: k.revoked_at?.toISOString() ?? null,
        })),
      };
    },
  );
  r.post(
    '/api/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is shown in this response only',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.String(), name: Type.String(), prefix: Type.String(), createdAt: Type.String(), key: Type.String() }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const key = await createApiKey(opts.deps, requirePrincipal(request), request.body.name.trim());
      return reply.status(201).send({ ...key, createdAt: key.createdAt.toISOString() });
    },
  );
  r.delete(
    '/api/api-keys/:id',
    { schema: { tags: ['api-keys'], params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      await revokeApiKeyOrThrow(opts.deps, requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
