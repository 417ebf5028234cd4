import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as webhooks from '../../services/webhook-endpoints-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, NullableString } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  active: Type.Boolean(),
});
const Delivery = Type.Object({
  id: Type.String(),
  event: Type.String(),
  faxId: NullableString,
  status: Type.String(),
  attempts: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: NullableString,
  createdAt: Type.String(),
  deliveredAt: NullableString,
});

export async function webhookEndpointRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;
  r.get(
    '/api/webhook-endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Where Chartfax sends fax status changes (see docs/webhooks.md)',
        response: { 200: Type.Object({ endpoints: Type.Array(Endpoint) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => webhooks.listWebhookEndpoints(deps, requirePrincipal(request)),
  );
  r.post(
    '/api/webhook-endpoints',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add an endpoint (https; http only for localhost). The signing secret is in this response only',
        body: Type.Object(
          { url: Type.String({ minLength: 1, maxLength: 2000 }), description: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...Endpoint.properties, secret: Type.String() }), ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await webhooks.createWebhookEndpoint(deps, requirePrincipal(request), request.body)),
  );
  r.delete(
    '/api/webhook-endpoints/:id',
    { schema: { tags: ['webhooks'], params: IdParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      await webhooks.deleteWebhookEndpoint(deps, requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/webhook-endpoints/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Recent deliveries to an endpoint, newest first',
        params: IdParams,
        response: { 200: Type.Object({ endpoint: Endpoint, deliveries: Type.Array(Delivery) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => webhooks.listWebhookDeliveries(deps, requirePrincipal(request), request.params.id),
  );
}
