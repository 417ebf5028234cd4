import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

let app: FastifyInstance;
let clinic: ClinicFixture;
let desk: SignedIn;

before(async () => {
  const db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'records');
  app = await createTestApp(db);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
});

describe('patients', () => {
  test('search by part of a name finds the patient', async () => {
    const res = await app.inject({ url: '/api/patients?query=quill', headers: desk.headers });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 1);
    assert.equal(body.patients[0].firstName, 'Avery');
    assert.equal(body.patients[0].dateOfBirth, '1980-04-12');
  });

  test('a host system creates and updates a patient, with field-level errors', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: desk.headers,
      payload: { firstName: 'Riley', lastName: 'Stone', dateOfBirth: '2001-02-30' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.dateOfBirth, /not a real date/);

    const created = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: desk.headers,
      payload: { firstName: 'Riley', lastName: 'Stone', dateOfBirth: '2001-02-28', email: 'riley@example.com' },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/patients/${id}`,
      headers: desk.headers,
      payload: { phone: '+16045550123' },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().phone, '+16045550123');
    assert.equal(patched.json().email, 'riley@example.com');
  });
});

describe('chart entries by date range', () => {
  const list = (query: string) =>
    app.inject({ url: `/api/patients/${clinic.patients[0]!.id}/chart-entries${query}`, headers: desk.headers });

  test('newest first, with sections and authors', async () => {
    const res = await list('');
    assert.equal(res.statusCode, 200);
    const entries = res.json().chartEntries;
    assert.equal(entries.length, 5);
    assert.deepEqual(
      entries.map((e: { occurredAt: string }) => e.occurredAt),
      [...clinic.entries.map((e) => new Date(e.occurredAt).toISOString())].reverse(),
    );
    assert.equal(entries[0].signed, false);
    assert.equal(entries[0].sections[0].title, 'Subjective');
    assert.equal(entries[0].author.name, 'practitioner records');
  });

  test('from/to are inclusive days in the clinic time zone (across a DST change)', async () => {
    // 3 Mar 23:30 PST is 4 Mar UTC but still the 3rd in Vancouver; 10 Mar 00:30 PDT is excluded.
    const res = await list('?from=2025-03-03&to=2025-03-09');
    assert.equal(res.statusCode, 200);
    const got = res.json().chartEntries.map((e: { occurredAt: string }) => e.occurredAt);
    assert.deepEqual(got, ['2025-03-10T06:30:00.000Z', '2025-03-04T07:30:00.000Z', '2025-03-03T17:30:00.000Z']);
    const single = await list('?from=2025-03-10&to=2025-03-10');
    assert.deepEqual(
      single.json().chartEntries.map((e: { occurredAt: string }) => e.occurredAt),
      ['2025-03-10T07:30:00.000Z'],
    );
  });

  test('impossible dates and reversed ranges are 400s that name the field', async () => {
    const impossible = await list('?from=2025-02-30');
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.json().error.fields.from, /not a real date/);
    const reversed = await list('?from=2025-04-01&to=2025-03-01');
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.json().error.fields.from, /after the end date/);
  });
});

describe('treatment plans', () => {
  test('a plan lists its chart entries in order', async () => {
    const res = await app.inject({ url: `/api/treatment-plans/${clinic.planId}`, headers: desk.headers });
    assert.equal(res.statusCode, 200);
    const plan = res.json();
    assert.equal(plan.title, 'Lumbar strain rehabilitation');
    assert.deepEqual(plan.goals, ['Return to work', 'Walk 5 km']);
    assert.equal(plan.chartEntries.length, 3);
    assert.ok(plan.chartEntries[0].occurredAt < plan.chartEntries[2].occurredAt);
    const list = await app.inject({ url: `/api/patients/${clinic.patients[0]!.id}/treatment-plans`, headers: desk.headers });
    assert.equal(list.json().treatmentPlans.length, 2);
  });
});

describe('bad input never produces a 500', () => {
  test('malformed JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { ...desk.headers, 'content-type': 'application/json' },
      payload: '{"firstName": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'malformed-request');
  });
  test('wrong types and unknown fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: desk.headers,
      payload: { firstName: 42, lastName: 'X', dateOfBirth: '2000-01-01', shoeSize: 9 },
    });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields;
    assert.ok(fields.firstName, 'names the wrong-typed field');
    assert.match(fields.shoeSize, /Unknown field/);
  });
  test('oversized bodies', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: desk.headers,
      payload: { firstName: 'x'.repeat(2_000_000), lastName: 'y', dateOfBirth: '2000-01-01' },
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload-too-large');
  });
  test('unknown ids and non-ids', async () => {
    const unknown = await app.inject({ url: '/api/patients/00000000-0000-4000-8000-000000000000', headers: desk.headers });
    assert.equal(unknown.statusCode, 404);
    const notAnId = await app.inject({ url: '/api/patients/12', headers: desk.headers });
    assert.equal(notAnId.statusCode, 400);
    assert.equal(notAnId.json().error.code, 'validation-failed');
  });
  test('writes without the CSRF token are refused for cookie sessions', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: desk.cookie },
      payload: { firstName: 'A', lastName: 'B', dateOfBirth: '2000-01-01' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf-failed');
  });
});
