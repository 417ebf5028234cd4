import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as notifications from '../../services/notifications-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, NullableString, QueryInt, toInt } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  audience: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  read: Type.Boolean(),
  readAt: NullableString,
  emailed: Type.Boolean(),
});

export async function notificationRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The signed-in staff member’s notifications (owners and admins also see the admins’ ones), newest first',
        querystring: Type.Object(
          { unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])), limit: Type.Optional(QueryInt) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ notifications: Type.Array(Notification), unread: Type.Integer() }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      notifications.listNotifications(opts.deps, requirePrincipal(request), {
        unreadOnly: request.query.unread === 'true',
        limit: toInt(request.query.limit, 50, 200),
      }),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], params: IdParams, response: { 200: Notification, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => notifications.readNotification(opts.deps, requirePrincipal(request), request.params.id),
  );
}
