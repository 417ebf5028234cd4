import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as faxes from '../../services/fax-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, IsoDate, NullableString, QueryInt, toInt, Uuid } from '../schemas';

const Source = Type.Union([
  Type.Object({ type: Type.Literal('chart-entry'), chartEntryId: Uuid }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('chart-range'), patientId: Uuid, from: IsoDate, to: IsoDate }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('treatment-plan'), treatmentPlanId: Uuid }, { additionalProperties: false }),
]);
const Recipient = Type.Union([
  Type.Object(
    { name: Type.String({ maxLength: 200 }), faxNumber: Type.String({ minLength: 1, maxLength: 40 }) },
    { additionalProperties: false },
  ),
  Type.Object({ contactId: Uuid, faxNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false }),
]);
const CoverPage = Type.Object(
  {
    enabled: Type.Boolean(),
    templateId: Type.Optional(Uuid),
    subject: Type.Optional(Type.String({ maxLength: 120 })),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const Purpose = Type.Union(faxes.FAX_PURPOSES.map((p) => Type.Literal(p)));
const SendBody = Type.Object(
  {
    source: Source,
    recipient: Recipient,
    coverPage: CoverPage,
    purpose: Type.Optional(Purpose),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    previewId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const FaxSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  pageCount: Type.Number(),
});
const FaxListItem = Type.Intersect([
  FaxSummary,
  Type.Object({
    patientId: Type.String(),
    patientName: NullableString,
    description: Type.String(),
    recipient: Type.Object({ name: Type.String(), faxNumber: Type.String() }),
    sender: Type.Object({ staffId: NullableString, name: Type.String() }),
    pagesDelivered: Type.Number(),
    transport: Type.String(),
    createdAt: Type.String(),
    finishedAt: NullableString,
    nextAttemptAt: NullableString,
    failure: Type.Union([Type.Null(), Type.Object({ cause: Type.String(), message: Type.String() })]),
  }),
]);
const Page = Type.Object({ number: Type.Number(), url: Type.String() });
const Attempt = Type.Object({
  number: Type.Number(),
  transport: Type.String(),
  status: Type.String(),
  startedAt: Type.String(),
  endedAt: NullableString,
  firstPage: Type.Number(),
  pagesInAttempt: Type.Number(),
  pagesTransmitted: Type.Number(),
  providerFaxId: NullableString,
  rawCode: NullableString,
  rawMessage: NullableString,
  cause: NullableString,
  explanation: NullableString,
  nextRetryAt: NullableString,
  remoteStationId: NullableString,
  bitRate: Type.Union([Type.Number(), Type.Null()]),
  durationSeconds: Type.Union([Type.Number(), Type.Null()]),
});
const FaxDetail = Type.Intersect([
  FaxListItem,
  Type.Object({
    patient: Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String(), dateOfBirth: Type.String() })]),
    source: Type.Unknown(),
    cover: Type.Unknown(),
    purpose: Type.String(),
    sendingNumber: NullableString,
    coverPages: Type.Number(),
    resendOf: NullableString,
    progress: Type.Union([Type.Null(), Type.Object({ pagesSent: Type.Number(), totalPages: Type.Number() })]),
    cancellable: Type.Boolean(),
    documentUrl: Type.String(),
    pages: Type.Array(Page),
    received: Type.Union([Type.Null(), Type.Object({ attempt: Type.Number(), pages: Type.Array(Page), remoteStationId: NullableString })]),
    attempts: Type.Array(Attempt),
  }),
]);
const PageParams = Type.Object({ id: Uuid, page: Type.String({ pattern: '^[1-9][0-9]{0,2}$' }) }, { additionalProperties: false });

export async function faxRoutes(app: FastifyInstance, opts: { deps: faxes.FaxServiceDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.post(
    '/api/fax-previews',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Render a fax exactly as it would be sent, without sending it',
        body: SendBody,
        response: {
          200: Type.Object({
            previewId: Type.String(),
            reference: Type.String(),
            pageCount: Type.Number(),
            coverPages: Type.Number(),
            pages: Type.Array(Page),
            warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
            recipient: Type.Object({ name: Type.String(), coverName: Type.String(), faxNumber: Type.String(), display: Type.String() }),
            checks: Type.Object({ firstTimeNumber: Type.Boolean(), differsFromContact: Type.Boolean() }),
            expiresAt: Type.String(),
          }),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => faxes.previewFax(deps, requirePrincipal(request), request.body),
  );

  r.get(
    '/api/fax-previews/:id/pages/:page',
    { schema: { tags: ['faxes'], summary: 'A preview page (PNG, the faxed pixels)', params: PageParams } },
    async (request, reply) => {
      const png = await faxes.getPreviewPage(deps, requirePrincipal(request), request.params.id, Number(request.params.page));
      return reply.type('image/png').header('cache-control', 'private, max-age=600').send(png);
    },
  );

  r.post(
    '/api/faxes',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Send a fax',
        body: SendBody,
        response: { 202: FaxSummary, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.status(202).send(await faxes.sendFax(deps, requirePrincipal(request), request.body)),
  );

  r.get(
    '/api/faxes',
    {
      schema: {
        tags: ['faxes'],
        summary: 'The fax history, newest first',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ maxLength: 200 })),
            patientId: Type.Optional(Uuid),
            staffId: Type.Optional(Uuid),
            recipient: Type.Optional(Type.String({ maxLength: 200 })),
            from: Type.Optional(Type.String({ maxLength: 10 })),
            to: Type.Optional(Type.String({ maxLength: 10 })),
            limit: Type.Optional(QueryInt),
            offset: Type.Optional(QueryInt),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ faxes: Type.Array(FaxListItem), total: Type.Number() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      return faxes.listFaxes(deps, requirePrincipal(request), {
        ...q,
        limit: toInt(q.limit, 25, 200),
        offset: toInt(q.offset, 0, 1_000_000),
      });
    },
  );

  r.get(
    '/api/faxes/:id',
    { schema: { tags: ['faxes'], params: IdParams, response: { 200: FaxDetail, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => faxes.getFax(deps, requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/faxes/:id/cancel',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Cancel a fax that has not started transmitting',
        params: IdParams,
        response: { 200: FaxDetail, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => faxes.cancelFax(deps, requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/faxes/:id/resend',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Send a finished fax again, optionally to a corrected number',
        params: IdParams,
        body: Type.Object(
          {
            faxNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            recipientName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: FaxSummary, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await faxes.resendFax(deps, requirePrincipal(request), request.params.id, request.body ?? {})),
  );

  r.get(
    '/api/faxes/:id/document',
    { schema: { tags: ['faxes'], summary: 'The PDF exactly as sent', params: IdParams } },
    async (request, reply) => {
      const { pdf, reference } = await faxes.getFaxDocumentPdf(deps, requirePrincipal(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${reference}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/faxes/:id/pages/:page',
    { schema: { tags: ['faxes'], summary: 'One sent page (PNG)', params: PageParams } },
    async (request, reply) => {
      const png = await faxes.getFaxPagePng(deps, requirePrincipal(request), request.params.id, Number(request.params.page));
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    },
  );

  r.get(
    '/api/faxes/:id/received/pages/:page',
    { schema: { tags: ['faxes'], summary: 'One page as the test line’s receiving machine printed it (PNG)', params: PageParams } },
    async (request, reply) => {
      const png = await faxes.getReceivedPagePng(deps, requirePrincipal(request), request.params.id, Number(request.params.page));
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
    },
  );
}
