import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as contacts from '../../services/contacts-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, NullableString, QueryInt, toInt } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const L = contacts.CONTACT_LIMITS;
const Kind = Type.Union([Type.Literal('person'), Type.Literal('organization')]);
const Text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

const Contact = Type.Object({
  kind: Kind,
  id: Type.String(),
  firstName: NullableString,
  lastName: NullableString,
  organization: NullableString,
  displayName: Type.String(),
  coverName: Type.String({ description: 'The name as printed on a cover page (at most 40 characters).' }),
  faxNumber: Type.Union([Type.String({ description: 'E.164' }), Type.Null()]),
  faxNumberDisplay: NullableString,
  phone: NullableString,
  email: NullableString,
  address: Type.Object({ line1: NullableString, city: NullableString, region: NullableString, postalCode: NullableString }),
  notes: NullableString,
  archived: Type.Boolean(),
  archivedAt: NullableString,
  updatedAt: Type.String(),
});

const RecentRecipient = Type.Object({
  kind: Type.Literal('recent'),
  name: Type.String(),
  coverName: Type.String(),
  faxNumber: Type.String(),
  faxNumberDisplay: Type.String(),
  lastFaxedAt: Type.String(),
});

const ContactWrite = {
  kind: Kind,
  firstName: Text(L.name),
  lastName: Text(L.name),
  organization: Text(L.organization),
  faxNumber: Text(L.number),
  phone: Text(L.number),
  email: Text(L.email),
  address: Type.Object(
    {
      line1: Type.Optional(Text(L.line)),
      city: Type.Optional(Text(L.city)),
      region: Type.Optional(Text(L.region)),
      postalCode: Type.Optional(Text(L.postalCode)),
    },
    { additionalProperties: false },
  ),
  notes: Text(L.notes),
};

const ImportRow = Type.Object({
  line: Type.Number(),
  values: Type.Record(Type.String(), Type.String()),
  errors: Type.Record(Type.String(), Type.String()),
  duplicate: Type.Union([
    Type.Null(),
    Type.Object({ reason: Type.String(), of: Type.String(), contactId: NullableString, line: Type.Union([Type.Number(), Type.Null()]) }),
  ]),
  willImport: Type.Boolean(),
});

export async function contactRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.get(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Search the address book; with a query, also recently faxed recipients who are not contacts (kind "recent")',
        querystring: Type.Object(
          {
            query: Type.Optional(Type.String({ maxLength: 200 })),
            includeArchived: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
            limit: Type.Optional(QueryInt),
            offset: Type.Optional(QueryInt),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ contacts: Type.Array(Contact), total: Type.Number(), recent: Type.Array(RecentRecipient) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      contacts.listContacts(deps, requirePrincipal(request), {
        query: request.query.query ?? '',
        includeArchived: request.query.includeArchived === 'true',
        limit: toInt(request.query.limit, 25, 100),
        offset: toInt(request.query.offset, 0, 1_000_000),
      }),
  );

  r.get(
    '/api/contacts/export',
    {
      schema: {
        tags: ['contacts'],
        summary: `The address book as CSV (columns: ${contacts.CONTACT_CSV_COLUMNS.join(',')})`,
        response: { ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const csv = await contacts.exportContacts(deps, requirePrincipal(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="chartfax-contacts.csv"')
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  r.post(
    '/api/contacts/import',
    {
      schema: {
        tags: ['contacts'],
        summary: `Preview (confirm=false) or import (confirm=true) contacts from CSV text. Header names: ${contacts.CONTACT_CSV_COLUMNS.join(',')}. Only valid rows that repeat no contact (same fax number, or same name and organization) are imported, all in one transaction.`,
        body: Type.Object({ csv: Type.String({ maxLength: 1_000_000 }), confirm: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            rows: Type.Array(ImportRow),
            summary: Type.Object({
              rows: Type.Number(),
              valid: Type.Number(),
              invalid: Type.Number(),
              duplicates: Type.Number(),
              toImport: Type.Number(),
            }),
            imported: Type.Number(),
            confirmed: Type.Boolean(),
          }),
          ...errorResponses(400, 401, 403, 422),
        },
      },
    },
    async (request) => contacts.importContacts(deps, requirePrincipal(request), request.body),
  );

  r.get(
    '/api/contacts/:id',
    { schema: { tags: ['contacts'], params: IdParams, response: { 200: Contact, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => contacts.getContact(deps, requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Add a person (first/last name, optional organization) or an organization; the fax number is stored in E.164',
        body: Type.Partial(Type.Object(ContactWrite, { additionalProperties: false }), { additionalProperties: false }),
        response: { 201: Contact, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await contacts.createContact(deps, requirePrincipal(request), request.body)),
  );

  r.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact; archived=false restores an archived one',
        params: IdParams,
        body: Type.Partial(Type.Object({ ...ContactWrite, archived: Type.Boolean() }, { additionalProperties: false }), {
          additionalProperties: false,
        }),
        response: { 200: Contact, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => contacts.changeContact(deps, requirePrincipal(request), request.params.id, request.body),
  );

  r.delete(
    '/api/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Archive a contact: hidden from search and cannot be faxed; past faxes keep referring to it',
        params: IdParams,
        response: { 200: Contact, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => contacts.archiveContact(deps, requirePrincipal(request), request.params.id),
  );
}
