import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { RetryPolicySettingsSchema } from '../../core/retry-settings';
import * as settings from '../../services/fax-settings-service';
import { requirePrincipal } from '../auth';
import { errorResponses, NullableString } from '../schemas';
import type { FaxRecordsDeps } from './fax-records-routes';

const Paper = Type.Union([Type.Literal('letter'), Type.Literal('a4')]);
const Resolution = Type.Union([Type.Literal('fine'), Type.Literal('standard')]);

const FaxSettings = Type.Object({
  paperSize: Paper,
  resolution: Resolution,
  internationalEnabled: Type.Boolean(),
  monthlyPageAllowance: Type.Integer(),
  overageCentsPerPage: Type.Integer(),
  coverPatientFields: Type.Boolean(),
  callbackNumber: NullableString,
  callbackNumberDisplay: NullableString,
  retryPolicy: RetryPolicySettingsSchema,
  retryPolicyIsDefault: Type.Boolean(),
  updatedAt: Type.String(),
});

export async function settingsRoutes(app: FastifyInstance, opts: { deps: FaxRecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.get(
    '/api/settings/fax',
    {
      schema: {
        tags: ['settings'],
        summary: 'The clinic’s fax settings (defaults until changed)',
        response: { 200: FaxSettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => settings.getFaxSettings(deps, requirePrincipal(request)),
  );

  r.patch(
    '/api/settings/fax',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change fax settings (owners and admins); retryPolicy null restores the defaults',
        body: Type.Object(
          {
            paperSize: Type.Optional(Paper),
            resolution: Type.Optional(Resolution),
            internationalEnabled: Type.Optional(Type.Boolean()),
            monthlyPageAllowance: Type.Optional(Type.Integer({ minimum: 0, maximum: settings.MAX_MONTHLY_PAGE_ALLOWANCE })),
            overageCentsPerPage: Type.Optional(Type.Integer({ minimum: 0, maximum: settings.MAX_OVERAGE_CENTS_PER_PAGE })),
            coverPatientFields: Type.Optional(Type.Boolean()),
            callbackNumber: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
            retryPolicy: Type.Optional(Type.Union([RetryPolicySettingsSchema, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: FaxSettings, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => settings.changeFaxSettings(deps, requirePrincipal(request), request.body),
  );
}
