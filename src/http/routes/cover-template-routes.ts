import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as templates from '../../services/cover-templates-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, NullableString } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Template = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], { description: 'null for Chartfax’s built-in template (read-only).' }),
  name: Type.String(),
  source: Type.String(),
  isDefault: Type.Boolean(),
  builtIn: Type.Boolean(),
  updatedAt: NullableString,
});
const Variable = Type.Object({ name: Type.String(), description: Type.String(), patientField: Type.Boolean() });
const Name = Type.String({ maxLength: 200 });
const Source = Type.String({ maxLength: templates.MAX_TEMPLATE_SOURCE_CHARS * 2 });

export async function coverTemplateRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.get(
    '/api/cover-templates',
    {
      schema: {
        tags: ['cover-templates'],
        summary:
          'Cover templates, the built-in one first (id null; the default while no template of the clinic is), with the variables templates may use',
        response: { 200: Type.Object({ templates: Type.Array(Template), variables: Type.Array(Variable) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => templates.listCoverTemplates(deps, requirePrincipal(request)),
  );

  r.post(
    '/api/cover-templates/preview',
    {
      schema: {
        tags: ['cover-templates'],
        summary: 'Check a template without saving it (unknown variables, patient fields without opt-in, overflow past one page)',
        body: Type.Object({ source: Source }, { additionalProperties: false }),
        response: { 200: Type.Object({ ok: Type.Boolean(), problems: Type.Array(Type.String()) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => templates.previewCoverTemplate(deps, requirePrincipal(request), request.body),
  );

  r.get(
    '/api/cover-templates/:id',
    { schema: { tags: ['cover-templates'], params: IdParams, response: { 200: Template, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => templates.getCoverTemplate(deps, requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/cover-templates',
    {
      schema: {
        tags: ['cover-templates'],
        summary: 'Save a new template; isDefault makes it the one used unless a fax names another',
        body: Type.Object({ name: Name, source: Source, isDefault: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 201: Template, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await templates.createCoverTemplate(deps, requirePrincipal(request), request.body)),
  );

  r.patch(
    '/api/cover-templates/:id',
    {
      schema: {
        tags: ['cover-templates'],
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Name), source: Type.Optional(Source), isDefault: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Template, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => templates.changeCoverTemplate(deps, requirePrincipal(request), request.params.id, request.body),
  );

  r.delete(
    '/api/cover-templates/:id',
    {
      schema: {
        tags: ['cover-templates'],
        summary: 'Remove a template (the built-in one becomes the default if it was)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await templates.deleteCoverTemplate(deps, requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
