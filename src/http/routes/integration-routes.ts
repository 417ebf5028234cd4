import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as integrations from '../../services/integrations-service';
import { requirePrincipal } from '../auth';
import { errorResponses, NullableString, Uuid } from '../schemas';

const Number_ = Type.Object({ number: Type.String(), label: NullableString });
const SendingNumbers = Type.Object({
  defaultNumber: NullableString,
  locations: Type.Array(Type.Object({ locationId: Type.String(), number: Type.String() })),
  staff: Type.Array(Type.Object({ staffId: Type.String(), number: Type.String() })),
});

export async function integrationRoutes(app: FastifyInstance, opts: { deps: integrations.IntegrationDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.get(
    '/api/integrations',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Fax providers, the connected account and sending numbers (owner/admin)',
        response: {
          200: Type.Object({
            providers: Type.Array(
              Type.Object({
                id: Type.String(),
                displayName: Type.String(),
                webhookAuth: Type.String(),
                fields: Type.Array(
                  Type.Object({
                    key: Type.String(),
                    label: Type.String(),
                    help: Type.String(),
                    secret: Type.Boolean(),
                    required: Type.Boolean(),
                  }),
                ),
              }),
            ),
            active: Type.Union([
              Type.Null(),
              Type.Object({
                id: Type.String(),
                provider: Type.String(),
                displayName: Type.String(),
                accountName: Type.String(),
                numbers: Type.Array(Number_),
                connectedAt: Type.String(),
                accountErrorAt: NullableString,
                webhookUrl: Type.String(),
              }),
            ]),
            transport: Type.String(),
            sendingNumbers: SendingNumbers,
            directory: Type.Object(
              {
                locations: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
                staff: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
              },
              { description: 'Locations and staff members that may be given their own sending number.' },
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => integrations.getIntegrations(deps, requirePrincipal(request)),
  );

  r.post(
    '/api/integrations',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Connect a fax provider: the credentials are checked with the provider before they are saved',
        body: Type.Object(
          {
            provider: Type.String({ minLength: 1, maxLength: 40 }),
            credentials: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            provider: Type.String(),
            displayName: Type.String(),
            accountName: Type.String(),
            numbers: Type.Array(Number_),
            webhookUrl: Type.String(),
            webhookCredentials: Type.Union([Type.Null(), Type.Record(Type.String(), Type.String())]),
          }),
          ...errorResponses(400, 401, 403, 404, 422, 502),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await integrations.connectProvider(deps, requirePrincipal(request), request.body.provider, request.body.credentials)),
  );

  r.delete(
    '/api/integrations/active',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Disconnect the fax provider (faxes in flight finish on it)',
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await integrations.disconnectProvider(deps, requirePrincipal(request));
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/integrations/sending-numbers',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Choose the default sending number and optional numbers per location and per staff member',
        body: Type.Object(
          {
            defaultNumber: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
            locations: Type.Optional(
              Type.Array(
                Type.Object(
                  { locationId: Uuid, number: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]) },
                  { additionalProperties: false },
                ),
                { maxItems: 100 },
              ),
            ),
            staff: Type.Optional(
              Type.Array(
                Type.Object(
                  { staffId: Uuid, number: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]) },
                  { additionalProperties: false },
                ),
                { maxItems: 500 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: SendingNumbers, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => integrations.setSendingNumbers(deps, requirePrincipal(request), request.body),
  );
}

/** Provider webhooks: no session, no CSRF; authenticity comes from the provider's signature or Basic credentials. */
export async function providerWebhookRoutes(
  app: FastifyInstance,
  opts: { deps: integrations.IntegrationDeps; publicUrl: string },
): Promise<void> {
  // Signatures cover the exact bytes, so the body is kept raw whatever its type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  app.post<{ Params: { provider: string; token: string } }>(
    '/webhooks/:provider/:token',
    { schema: { hide: true, params: Type.Object({ provider: Type.String({ maxLength: 40 }), token: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const url = `${opts.publicUrl.replace(/\/$/, '')}${request.url}`;
      try {
        const result = await integrations.receiveProviderWebhook(opts.deps, request.params.provider, request.params.token, {
          headers: request.headers,
          rawBody,
          url,
        });
        return reply.status(200).send(result);
      } catch (error) {
        // Logged without the body: it may carry numbers and names.
        request.log.warn({ provider: request.params.provider, code: (error as { code?: string }).code }, 'webhook refused');
        throw error;
      }
    },
  );
}
