import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

let app: FastifyInstance;
let db: TestDatabase;
let a: ClinicFixture;
let b: ClinicFixture;
let ownerA: SignedIn;
let apiKeyA: string;
let apiKeyBId: string;
const otherIdsOfB: string[] = [];

before(async () => {
  db = await createTestDatabase();
  a = await createClinicFixture(db.db, 'alpha');
  b = await createClinicFixture(db.db, 'bravo');
  app = await createTestApp(db);
  ownerA = await signInAs(app, a.staff.owner.email);
  const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: ownerA.headers, payload: { name: 'EHR bridge' } });
  assert.equal(created.statusCode, 201);
  apiKeyA = created.json().key;
  const ownerB = await signInAs(app, b.staff.owner.email);
  const keyB = await app.inject({ method: 'POST', url: '/api/api-keys', headers: ownerB.headers, payload: { name: 'B bridge' } });
  apiKeyBId = keyB.json().id;
  // One of everything else clinic B owns, so every id route is tried with an id that exists.
  const payload = {
    source: { type: 'chart-entry', chartEntryId: b.entries[0]!.id },
    recipient: { name: 'Dr. B', faxNumber: '6045550142' },
    coverPage: { enabled: false },
  };
  const fax = await app.inject({ method: 'POST', url: '/api/faxes', headers: ownerB.headers, payload });
  assert.equal(fax.statusCode, 202, fax.body);
  const preview = await app.inject({ method: 'POST', url: '/api/fax-previews', headers: ownerB.headers, payload });
  assert.equal(preview.statusCode, 200, preview.body);
  const contact = await db.db
    .insertInto('contacts')
    .values({ clinic_id: b.clinicId, kind: 'organization', organization: 'B Insurer', fax_number: '+16045550143' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const template = await db.db
    .insertInto('cover_templates')
    .values({ clinic_id: b.clinicId, name: 'B cover', source: '# Fax' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const endpoint = await db.db
    .insertInto('webhook_endpoints')
    .values({ clinic_id: b.clinicId, url: 'https://b.example/hook', secret_encrypted: 'sealed' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notification = await db.db
    .insertInto('notifications')
    .values({ clinic_id: b.clinicId, audience: 'admins', staff_id: null, kind: 'test', dedupe_key: 'b-1', title: 't', body: 'b' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherIdsOfB.push(fax.json().id, preview.json().previewId, contact.id, template.id, endpoint.id, notification.id, b.staff.practitioner.id);
});

/** Every route of the API, from the OpenAPI document, with path parameters to fill in. */
function apiRoutes(): { method: string; path: string }[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

describe('clinic A cannot see or touch clinic B', () => {
  const bIds = () => [b.patients[0]!.id, b.entries[0]!.id, b.planId, apiKeyBId, ...otherIdsOfB];

  for (const principal of ['staff', 'api-key'] as const) {
    test(`through any endpoint with an id (${principal})`, async () => {
      const headers = principal === 'staff' ? ownerA.headers : { authorization: `Bearer ${apiKeyA}` };
      const routes = apiRoutes().filter((r) => r.path.includes('{id}'));
      assert.ok(routes.length >= 8, 'the API has id routes to check');
      for (const route of routes) {
        for (const id of bIds()) {
          const res = await app.inject({
            method: route.method as 'GET',
            url: route.path.replace('{id}', id).replace(/\{[a-zA-Z]+\}/g, '1'),
            headers,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          assert.ok(
            res.statusCode === 404 || (res.statusCode === 403 && principal === 'api-key' && res.json().error.code === 'forbidden'),
            `${route.method} ${route.path} with a clinic B id answered ${res.statusCode}: ${res.body}`,
          );
        }
      }
    });
  }

  test('references to B records inside request bodies are refused without changing anything', async () => {
    const entry = await app.inject({
      method: 'POST',
      url: '/api/chart-entries',
      headers: ownerA.headers,
      payload: {
        patientId: b.patients[0]!.id,
        authorId: a.staff.practitioner.id,
        occurredAt: '2025-05-01T10:00:00Z',
        templateName: 'SOAP Note',
        sections: [{ title: 'S', text: 'x' }],
      },
    });
    assert.equal(entry.statusCode, 404);
    const plan = await app.inject({
      method: 'POST',
      url: '/api/chart-entries',
      headers: ownerA.headers,
      payload: {
        patientId: a.patients[0]!.id,
        authorId: b.staff.practitioner.id,
        occurredAt: '2025-05-01T10:00:00Z',
        templateName: 'SOAP Note',
        sections: [{ title: 'S', text: 'x' }],
        treatmentPlanId: b.planId,
      },
    });
    assert.equal(plan.statusCode, 400);
    assert.match(plan.json().error.fields.authorId, /No staff member/);
    assert.match(plan.json().error.fields.treatmentPlanId, /No treatment plan/);
    const list = await app.inject({ url: `/api/patients/${a.patients[0]!.id}/chart-entries`, headers: ownerA.headers });
    assert.equal(list.json().total, 5, 'nothing was written');
  });

  test('search never returns another clinic’s patients', async () => {
    const res = await app.inject({ url: '/api/patients?query=bravo', headers: ownerA.headers });
    assert.equal(res.json().total, 0);
  });
});

describe('roles', () => {
  test('practitioner (limited) sees only the patients they treat', async () => {
    const limited = await signInAs(app, a.staff['practitioner-limited'].email);
    const list = await app.inject({ url: '/api/patients', headers: limited.headers });
    assert.deepEqual(
      list.json().patients.map((p: { id: string }) => p.id),
      [a.patients[0]!.id],
    );
    const other = await app.inject({ url: `/api/patients/${a.patients[1]!.id}`, headers: limited.headers });
    assert.equal(other.statusCode, 404);
    const chart = await app.inject({ url: `/api/patients/${a.patients[0]!.id}/chart-entries`, headers: limited.headers });
    assert.equal(chart.statusCode, 200);
  });

  test('a refusal is a 403 that names the missing permission', async () => {
    const desk = await signInAs(app, a.staff['front-desk'].email);
    const res = await app.inject({ method: 'POST', url: '/api/api-keys', headers: desk.headers, payload: { name: 'x' } });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().error.message, /Front desk.*"api-keys:manage"/);
  });

  test('no-access staff cannot sign in; wrong passwords get one clear message', async () => {
    const noAccess = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: a.staff['no-access'].email, password: 'correct horse battery staple' },
    });
    assert.equal(noAccess.statusCode, 403);
    assert.match(noAccess.json().error.message, /no access/);
    const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { email: a.staff.owner.email, password: 'nope' } });
    assert.equal(wrong.statusCode, 401);
    const unknown = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@alpha.test', password: 'nope' } });
    assert.equal(unknown.json().error.message, wrong.json().error.message, 'unknown emails are not revealed');
  });

  test('sign-out ends the session; the cookie is http-only, secure and same-site', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: a.staff.admin.email, password: 'correct horse battery staple' },
    });
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Strict/);
    const session = await signInAs(app, a.staff.admin.email);
    assert.equal((await app.inject({ url: '/api/me', headers: session.headers })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/session', headers: session.headers })).statusCode, 204);
    assert.equal((await app.inject({ url: '/api/me', headers: session.headers })).statusCode, 401);
  });

  test('API keys: shown once, work as bearer tokens, stop working when revoked', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: ownerA.headers, payload: { name: 'temporary' } });
    const { key, id } = created.json();
    const listed = await app.inject({ url: '/api/api-keys', headers: ownerA.headers });
    assert.ok(!listed.body.includes(key), 'the key is never shown again');
    assert.equal((await app.inject({ url: '/api/patients', headers: { authorization: `Bearer ${key}` } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: ownerA.headers })).statusCode, 204);
    const after = await app.inject({ url: '/api/patients', headers: { authorization: `Bearer ${key}` } });
    assert.equal(after.statusCode, 401);
    assert.match(after.json().error.message, /revoked/);
  });
});

describe('sign-in rate limit', () => {
  test('too many attempts from one address get a 429', async () => {
    const db = await createTestDatabase();
    await createClinicFixture(db.db, 'rate');
    const limitedApp = await createTestApp(db, { signInAttemptsPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await limitedApp.inject({ method: 'POST', url: '/api/session', payload: { email: 'owner@rate.test', password: 'wrong' } }))
          .statusCode,
      );
    }
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  });
});
