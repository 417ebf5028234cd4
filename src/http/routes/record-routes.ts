import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as records from '../../services/clinical-records-service';
import { requirePrincipal } from '../auth';
import { errorResponses, IdParams, IsoDate, NullableString, QueryInt, toInt, Uuid } from '../schemas';

const Address = Type.Object(
  {
    line1: Type.Optional(NullableString),
    city: Type.Optional(NullableString),
    region: Type.Optional(NullableString),
    postalCode: Type.Optional(NullableString),
  },
  { additionalProperties: false },
);
const Identifier = Type.Object(
  { system: Type.String({ minLength: 1, maxLength: 100 }), value: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
const Sex = Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other'), Type.Literal('unknown')]);

const Patient = Type.Object({
  id: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  dateOfBirth: Type.String(),
  sex: Type.String(),
  email: NullableString,
  phone: NullableString,
  address: Type.Object({ line1: NullableString, city: NullableString, region: NullableString, postalCode: NullableString }),
  identifiers: Type.Array(Type.Object({ system: Type.String(), value: Type.String() })),
  locationId: NullableString,
  updatedAt: Type.String(),
});

const PatientWrite = {
  firstName: Type.String({ maxLength: 100 }),
  lastName: Type.String({ maxLength: 100 }),
  dateOfBirth: IsoDate,
  sex: Sex,
  email: Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()]),
  phone: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  address: Address,
  identifiers: Type.Array(Identifier, { maxItems: 20 }),
  practitionerIds: Type.Array(Uuid, { maxItems: 50 }),
};

const Section = Type.Object(
  { title: Type.String({ maxLength: 200 }), text: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
);
const ChartEntry = Type.Object({
  id: Type.String(),
  patientId: Type.String(),
  occurredAt: Type.String(),
  templateName: Type.String(),
  author: Type.Object({ id: Type.String(), name: Type.String(), credentials: NullableString }),
  sections: Type.Array(Type.Object({ title: Type.String(), text: Type.String() })),
  signed: Type.Boolean(),
  treatmentPlanId: NullableString,
});
const EntryWrite = {
  patientId: Uuid,
  authorId: Uuid,
  occurredAt: Type.String({ maxLength: 40 }),
  templateName: Type.String({ maxLength: 200 }),
  sections: Type.Array(Section, { maxItems: 100 }),
  signed: Type.Boolean(),
  treatmentPlanId: Type.Union([Uuid, Type.Null()]),
};

const PlanStatus = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('completed'), Type.Literal('cancelled')]);
const TreatmentPlan = Type.Object({
  id: Type.String(),
  patientId: Type.String(),
  title: Type.String(),
  condition: Type.String(),
  goals: Type.Array(Type.String()),
  startDate: Type.String(),
  endDate: NullableString,
  status: Type.String(),
  practitioner: Type.Object({ id: Type.String(), name: Type.String(), credentials: NullableString }),
  entryCount: Type.Number(),
});
const PlanWrite = {
  patientId: Uuid,
  practitionerId: Uuid,
  title: Type.String({ maxLength: 300 }),
  condition: Type.String({ maxLength: 1000 }),
  goals: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50 }),
  startDate: IsoDate,
  endDate: Type.Union([IsoDate, Type.Null()]),
  status: PlanStatus,
};

function partial<T extends Record<string, import('@fastify/type-provider-typebox').TSchema>>(props: T) {
  return Type.Partial(Type.Object(props, { additionalProperties: false }), { additionalProperties: false });
}

export async function recordRoutes(app: FastifyInstance, opts: { deps: records.RecordsDeps }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = opts.deps;

  r.get(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Find patients by name, date of birth or identifier',
        querystring: Type.Object(
          { query: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(QueryInt), offset: Type.Optional(QueryInt) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ patients: Type.Array(Patient), total: Type.Number() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      records.listPatients(deps, requirePrincipal(request), {
        query: request.query.query ?? '',
        limit: toInt(request.query.limit, 25, 100),
        offset: toInt(request.query.offset, 0, 1_000_000),
      }),
  );

  r.post(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Create a patient (host systems)',
        body: Type.Intersect([
          Type.Object({ firstName: PatientWrite.firstName, lastName: PatientWrite.lastName, dateOfBirth: IsoDate }),
          partial(PatientWrite),
        ]),
        response: { 201: Patient, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await records.createPatient(deps, requirePrincipal(request), request.body)),
  );

  r.get(
    '/api/patients/:id',
    { schema: { tags: ['patients'], params: IdParams, response: { 200: Patient, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => records.getPatient(deps, requirePrincipal(request), request.params.id),
  );

  r.patch(
    '/api/patients/:id',
    {
      schema: {
        tags: ['patients'],
        params: IdParams,
        body: partial(PatientWrite),
        response: { 200: Patient, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => records.changePatient(deps, requirePrincipal(request), request.params.id, request.body),
  );

  r.get(
    '/api/patients/:id/chart-entries',
    {
      schema: {
        tags: ['chart'],
        summary: "A patient's chart entries, newest first; from/to are inclusive days in the clinic's time zone",
        params: IdParams,
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ maxLength: 10 })),
            to: Type.Optional(Type.String({ maxLength: 10 })),
            limit: Type.Optional(QueryInt),
            offset: Type.Optional(QueryInt),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ chartEntries: Type.Array(ChartEntry), total: Type.Number(), timeZone: Type.String() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      records.listChartEntries(deps, requirePrincipal(request), {
        patientId: request.params.id,
        from: request.query.from,
        to: request.query.to,
        limit: toInt(request.query.limit, 100, records.MAX_CHART_ENTRIES_PER_PAGE),
        offset: toInt(request.query.offset, 0, 1_000_000),
      }),
  );

  r.get(
    '/api/patients/:id/treatment-plans',
    {
      schema: {
        tags: ['chart'],
        params: IdParams,
        response: { 200: Type.Object({ treatmentPlans: Type.Array(TreatmentPlan) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => records.listTreatmentPlans(deps, requirePrincipal(request), request.params.id),
  );

  r.get(
    '/api/patients/:id/history',
    {
      schema: {
        tags: ['chart'],
        summary: "The chart's history lines (one per fax of this patient's records), newest first",
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(QueryInt) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            history: Type.Array(Type.Object({ id: Type.String(), occurredAt: Type.String(), text: Type.String(), faxId: NullableString })),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => records.listPatientHistory(deps, requirePrincipal(request), request.params.id, toInt(request.query.limit, 20, 200)),
  );

  r.get(
    '/api/staff',
    {
      schema: {
        tags: ['staff'],
        summary: "The clinic's staff directory (names for filters and pickers), sorted by last name",
        response: {
          200: Type.Object({
            staff: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), practitionerTitle: NullableString }),
            ),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => records.listStaffDirectory(deps, requirePrincipal(request)),
  );

  r.post(
    '/api/chart-entries',
    {
      schema: {
        tags: ['chart'],
        summary: 'Create a chart entry (host systems)',
        body: Type.Intersect([
          Type.Object({
            patientId: Uuid,
            occurredAt: EntryWrite.occurredAt,
            templateName: EntryWrite.templateName,
            sections: EntryWrite.sections,
          }),
          partial(EntryWrite),
        ]),
        response: { 201: ChartEntry, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await records.createChartEntry(deps, requirePrincipal(request), request.body)),
  );

  r.get(
    '/api/chart-entries/:id',
    { schema: { tags: ['chart'], params: IdParams, response: { 200: ChartEntry, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => records.getChartEntry(deps, requirePrincipal(request), request.params.id),
  );

  const { patientId: _ignored, ...entryPatch } = EntryWrite;
  r.patch(
    '/api/chart-entries/:id',
    {
      schema: {
        tags: ['chart'],
        params: IdParams,
        body: partial(entryPatch),
        response: { 200: ChartEntry, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => records.changeChartEntry(deps, requirePrincipal(request), request.params.id, request.body),
  );

  const PlanWithEntries = Type.Intersect([TreatmentPlan, Type.Object({ chartEntries: Type.Array(ChartEntry) })]);
  r.post(
    '/api/treatment-plans',
    {
      schema: {
        tags: ['chart'],
        body: Type.Intersect([Type.Object({ patientId: Uuid, title: PlanWrite.title, startDate: IsoDate }), partial(PlanWrite)]),
        response: { 201: PlanWithEntries, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await records.createTreatmentPlan(deps, requirePrincipal(request), request.body)),
  );

  r.get(
    '/api/treatment-plans/:id',
    { schema: { tags: ['chart'], params: IdParams, response: { 200: PlanWithEntries, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => records.getTreatmentPlan(deps, requirePrincipal(request), request.params.id),
  );

  const { patientId: _p, ...planPatch } = PlanWrite;
  r.patch(
    '/api/treatment-plans/:id',
    {
      schema: {
        tags: ['chart'],
        params: IdParams,
        body: partial(planPatch),
        response: { 200: PlanWithEntries, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => records.changeTreatmentPlan(deps, requirePrincipal(request), request.params.id, request.body),
  );
}
