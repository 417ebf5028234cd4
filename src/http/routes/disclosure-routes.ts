import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as disclosures from '../../services/disclosures-service';
import { requirePrincipal } from '../auth';
import { errorResponses, Uuid } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Disclosure = Type.Object({
  id: Type.String(),
  faxId: Type.String(),
  disclosedAt: Type.String(),
  disclosedAtLocal: Type.String(),
  patient: Type.Object({ id: Type.String(), name: Type.String(), dateOfBirth: Type.String() }),
  recipientName: Type.String(),
  recipientFaxNumber: Type.String(),
  description: Type.String(),
  purpose: Type.String(),
  purposeLabel: Type.String(),
  senderName: Type.String(),
  pages: Type.Integer(),
  outcome: Type.String(),
  retainUntil: Type.String(),
});

export async function disclosureRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary:
          'Accounting of disclosures: faxes that reached a recipient, oldest first. from/to are inclusive days in the clinic’s time zone; format=csv downloads the same list',
        querystring: Type.Object(
          {
            patientId: Type.Optional(Uuid),
            from: Type.Optional(Type.String({ maxLength: 10 })),
            to: Type.Optional(Type.String({ maxLength: 10 })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ timeZone: Type.String(), disclosures: Type.Array(Disclosure) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { format, ...params } = request.query;
      const principal = requirePrincipal(request);
      if (format === 'csv') {
        const csv = await disclosures.exportDisclosuresCsv(opts.deps, principal, params);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="chartfax-disclosures.csv"')
            .header('cache-control', 'private, no-store')
            // A text/csv string is sent as it is; the JSON response schema applies to format=json only.
            .send(csv as never)
        );
      }
      return disclosures.listDisclosures(opts.deps, principal, params);
    },
  );
}
