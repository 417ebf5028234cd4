import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_COVER_TEMPLATE } from '../../src/core/cover-template';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let admin: SignedIn;
let desk: SignedIn;
let limited: SignedIn;

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'covers');
  app = await createTestApp(db);
  admin = await signInAs(app, clinic.staff.admin.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
  limited = await signInAs(app, clinic.staff['practitioner-limited'].email);
});

const SIMPLE = '# Fax from {{clinicName}}\n**To:** {{recipientName}}\n**Pages:** {{pages}}\n';
const list = async (who: SignedIn = desk) => (await app.inject({ url: '/api/cover-templates', headers: who.headers })).json();
const create = (payload: object, who: SignedIn = admin) =>
  app.inject({ method: 'POST', url: '/api/cover-templates', headers: who.headers, payload });
const countRows = async () =>
  (await db.db.selectFrom('cover_templates').select('id').where('clinic_id', '=', clinic.clinicId).execute()).length;

describe('cover templates', () => {
  test('a new clinic sees the built-in template as the read-only default', async () => {
    const body = await list();
    assert.equal(body.templates.length, 1);
    assert.deepEqual(
      {
        id: body.templates[0].id,
        isDefault: body.templates[0].isDefault,
        builtIn: body.templates[0].builtIn,
        source: body.templates[0].source,
      },
      { id: null, isDefault: true, builtIn: true, source: DEFAULT_COVER_TEMPLATE },
    );
    assert.ok(body.variables.some((v: { name: string }) => v.name === 'recipientName'));
    assert.equal((await app.inject({ url: '/api/cover-templates', headers: limited.headers })).statusCode, 403);
  });

  test('saving refuses unknown variables and patient fields without the opt-in, with the reason on source, and stores nothing', async () => {
    const unknown = await create({ name: 'Typo', source: '# Fax\n**To:** {{recipentName}}\n' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.fields.source, /unknown variable "recipentName"/);
    const patient = await create({ name: 'With patient', source: '# Fax\n**Patient:** {{patientName}}\n' });
    assert.equal(patient.statusCode, 400);
    assert.match(patient.json().error.fields.source, /patient/i);
    const empty = await create({ name: '  ', source: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.json().error.fields.name);
    assert.ok(empty.json().error.fields.source);
    assert.equal(await countRows(), 0);
  });

  test('a template too long for one page is refused', async () => {
    const long = `# Fax\n${Array.from({ length: 120 }, (_, i) => `Line ${i} of a very long cover page that will never fit on a single sheet of paper.`).join('\n')}\n`;
    const res = await create({ name: 'Too long', source: long });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.fields.source, /page/i);
    const preview = await app.inject({
      method: 'POST',
      url: '/api/cover-templates/preview',
      headers: admin.headers,
      payload: { source: long },
    });
    assert.equal(preview.json().ok, false);
    assert.equal(preview.json().problems.length, 1);
    const fine = await app.inject({
      method: 'POST',
      url: '/api/cover-templates/preview',
      headers: admin.headers,
      payload: { source: SIMPLE },
    });
    assert.deepEqual(fine.json(), { ok: true, problems: [] });
  });

  test('exactly one default: a new default replaces the old one, and removing it brings back the built-in', async () => {
    const a = (await create({ name: 'Short', source: SIMPLE, isDefault: true })).json();
    assert.equal(a.isDefault, true);
    let body = await list();
    assert.equal(body.templates.find((t: { builtIn: boolean }) => t.builtIn).isDefault, false);
    const b = (
      await create({ name: 'Referral', source: `${SIMPLE}{{#subject}}**Re:** {{subject}}\n{{/subject}}`, isDefault: true })
    ).json();
    body = await list();
    assert.deepEqual(
      body.templates.filter((t: { isDefault: boolean }) => t.isDefault).map((t: { id: string }) => t.id),
      [b.id],
    );
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/cover-templates/${a.id}`,
      headers: admin.headers,
      payload: { isDefault: true, name: 'Short cover' },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal((await app.inject({ url: `/api/cover-templates/${b.id}`, headers: desk.headers })).json().isDefault, false);

    const removed = await app.inject({ method: 'DELETE', url: `/api/cover-templates/${a.id}`, headers: admin.headers });
    assert.equal(removed.statusCode, 204);
    body = await list();
    assert.equal(body.templates.length, 2);
    assert.equal(body.templates[0].builtIn, true);
    assert.equal(body.templates[0].isDefault, true, 'the built-in cover is the default again');
    assert.equal((await app.inject({ url: `/api/cover-templates/${a.id}`, headers: desk.headers })).statusCode, 404);
  });

  test('front desk may read templates but not change them', async () => {
    const res = await create({ name: 'Desk', source: SIMPLE }, desk);
    assert.equal(res.statusCode, 403);
  });

  test('patient fields are allowed once the clinic opts in, and the opt-in cannot be withdrawn while a template uses them', async () => {
    const owner = await signInAs(app, clinic.staff.owner.email);
    const on = await app.inject({
      method: 'PATCH',
      url: '/api/settings/fax',
      headers: owner.headers,
      payload: { coverPatientFields: true },
    });
    assert.equal(on.statusCode, 200);
    const res = await create({ name: 'With patient', source: '# Fax\n**Patient:** {{patientName}}\n' });
    assert.equal(res.statusCode, 201, res.body);
    const off = await app.inject({
      method: 'PATCH',
      url: '/api/settings/fax',
      headers: owner.headers,
      payload: { coverPatientFields: false },
    });
    assert.equal(off.statusCode, 400);
    assert.match(off.json().error.fields.coverPatientFields, /"With patient"/);
  });
});
