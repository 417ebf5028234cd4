import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as usage from '../../services/usage-service';
import { requirePrincipal } from '../auth';
import { errorResponses, NullableString } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Usage = Type.Object({
  month: Type.String(),
  timeZone: Type.String(),
  allowance: Type.Integer(),
  pagesUsed: Type.Integer(),
  pagesRemaining: Type.Integer(),
  overagePages: Type.Integer(),
  overageCents: Type.Integer(),
  overageCentsPerPage: Type.Integer(),
  percentUsed: Type.Integer(),
  byDay: Type.Array(Type.Object({ date: Type.String(), pages: Type.Integer() })),
  byStaff: Type.Array(Type.Object({ staffId: NullableString, name: Type.String(), pages: Type.Integer() })),
  byLocation: Type.Array(Type.Object({ locationId: NullableString, name: Type.String(), pages: Type.Integer() })),
  months: Type.Array(Type.Object({ month: Type.String(), pages: Type.Integer() })),
});

export async function usageRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/usage',
    {
      schema: {
        tags: ['usage'],
        summary:
          'Pages delivered in a calendar month (clinic time zone) against the allowance; cover pages count, failed and cancelled faxes do not',
        querystring: Type.Object(
          { month: Type.Optional(Type.String({ maxLength: 20, description: 'YYYY-MM; this month when left out.' })) },
          { additionalProperties: false },
        ),
        response: { 200: Usage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => usage.getUsage(opts.deps, requirePrincipal(request), { month: request.query.month }),
  );
}
