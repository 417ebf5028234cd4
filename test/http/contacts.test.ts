import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let desk: SignedIn;
let limited: SignedIn;

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'contacts');
  await createClinicFixture(db.db, 'othercontacts');
  app = await createTestApp(db);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
  limited = await signInAs(app, clinic.staff['practitioner-limited'].email);
});

const post = (url: string, payload: unknown, who: SignedIn = desk) =>
  app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
const get = (url: string, who: SignedIn = desk) => app.inject({ url, headers: who.headers });
const countContacts = async () =>
  Number(
    (
      await db.db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('clinic_id', '=', clinic.clinicId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the address book', () => {
  test('a person is saved with the fax number in E.164, a display name and a cover name cut at 40 characters', async () => {
    const res = await post('/api/contacts', {
      kind: 'person',
      firstName: 'Robin',
      lastName: 'Lee-Fairweather',
      organization: 'Harbourside Sports Medicine and Rehabilitation',
      faxNumber: '(604) 555-0142',
      email: 'reception@harbourside.example',
      address: { line1: '12 Quay St', city: 'Vancouver', region: 'BC', postalCode: 'V6B 1A1' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.faxNumber, '+16045550142');
    assert.equal(c.faxNumberDisplay, '+1 604 555 0142');
    assert.equal(c.displayName, 'Robin Lee-Fairweather, Harbourside Sports Medicine and Rehabilitation');
    assert.equal(c.coverName, 'Robin Lee-Fairweather, Harbourside Sport');
    assert.ok(c.coverName.length <= 40);
    const again = await get(`/api/contacts/${c.id}`);
    assert.equal(again.json().address.city, 'Vancouver');
  });

  test('bad input gets field errors and changes nothing', async () => {
    const before = await countContacts();
    const res = await post('/api/contacts', { kind: 'person', faxNumber: '604 555 01', email: 'not-an-email', phone: '12' });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields;
    assert.match(fields.lastName, /first or last name/);
    assert.match(fields.faxNumber, /too short.*\(604\) 555-0142/);
    assert.match(fields.email, /not an e-mail/);
    assert.ok(fields.phone);
    const org = await post('/api/contacts', { kind: 'organization', firstName: 'Only' });
    assert.equal(org.statusCode, 400);
    assert.match(org.json().error.fields.organization, /organization/);
    const unknown = await post('/api/contacts', { kind: 'organization', organization: 'X', fax: '604' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.fields.fax, /Unknown field/);
    assert.equal(await countContacts(), before);
  });

  test('search matches names, organization and fax digits; archived contacts are hidden but kept', async () => {
    const created = await post('/api/contacts', { kind: 'organization', organization: 'Northshore Imaging', faxNumber: '604-555-0150' });
    const id = created.json().id;
    assert.equal((await get('/api/contacts?query=northshore')).json().total, 1);
    assert.equal((await get('/api/contacts?query=555-0150')).json().contacts[0].id, id);
    assert.equal((await get('/api/contacts?query=(604)%205550150')).json().contacts[0].id, id);

    const archived = await app.inject({ method: 'DELETE', url: `/api/contacts/${id}`, headers: desk.headers });
    assert.equal(archived.statusCode, 200);
    assert.equal(archived.json().archived, true);
    assert.equal((await get('/api/contacts?query=northshore')).json().total, 0, 'archived contacts are hidden from search');
    assert.equal((await get('/api/contacts?query=northshore&includeArchived=true')).json().total, 1);
    assert.equal((await get(`/api/contacts/${id}`)).statusCode, 200, 'the row is kept');

    const restored = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${id}`,
      headers: desk.headers,
      payload: { archived: false, notes: 'Use for MRI reports' },
    });
    assert.equal(restored.statusCode, 200);
    assert.equal(restored.json().archived, false);
    assert.equal(restored.json().organization, 'Northshore Imaging');
    assert.equal((await get('/api/contacts?query=northshore')).json().total, 1);
  });

  test('a change is validated against the whole contact', async () => {
    const created = (await post('/api/contacts', { kind: 'person', lastName: 'Okafor', faxNumber: '604 555 0160' })).json();
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${created.id}`,
      headers: desk.headers,
      payload: { lastName: null },
    });
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.fields.lastName);
    assert.equal((await get(`/api/contacts/${created.id}`)).json().lastName, 'Okafor');
  });

  test('recently faxed recipients who are not contacts are offered in search, newest first', async () => {
    const base = {
      clinic_id: clinic.clinicId,
      status: 'delivered' as const,
      patient_id: clinic.patients[0]!.id,
      source: JSON.stringify({ type: 'chart-entry' }),
      description: '1 chart entry',
      cover: JSON.stringify({}),
      sender_name: 'front-desk contacts',
      transport: 'test-line',
      page_count: 2,
      give_up_at: new Date(),
    };
    const now = Date.now();
    await db.db
      .insertInto('faxes')
      .values([
        {
          ...base,
          reference: 'CF-RCNT-0001',
          recipient_name: 'Dr. Quincy Vale',
          recipient_fax_number: '+16045550171',
          created_at: new Date(now - 5 * 86_400_000),
        },
        {
          ...base,
          reference: 'CF-RCNT-0002',
          recipient_name: 'Dr. Quincy Vale',
          recipient_fax_number: '+16045550172',
          created_at: new Date(now - 86_400_000),
        },
        {
          ...base,
          reference: 'CF-RCNT-0003',
          recipient_name: 'Dr. Quincy Vale',
          recipient_fax_number: '+16045550173',
          created_at: new Date(now - 200 * 86_400_000),
        },
        {
          ...base,
          reference: 'CF-RCNT-0004',
          recipient_name: 'Robin at Harbourside',
          recipient_fax_number: '+16045550142',
          created_at: new Date(now - 86_400_000),
        },
      ])
      .execute();
    const res = (await get('/api/contacts?query=quincy')).json();
    assert.equal(res.total, 0);
    assert.deepEqual(
      res.recent.map((r: { faxNumber: string; kind: string }) => [r.kind, r.faxNumber]),
      [
        ['recent', '+16045550172'],
        ['recent', '+16045550171'],
      ],
      'newest first; older than 90 days left out',
    );
    const known = (await get('/api/contacts?query=harbourside')).json();
    assert.equal(known.contacts.length, 1);
    assert.equal(known.recent.length, 0, 'a number already in the address book is not offered twice');
    assert.deepEqual((await get('/api/contacts')).json().recent, [], 'no query, no recent recipients');
  });

  test('another clinic cannot see or change these contacts; limited practitioners have no address book', async () => {
    const other = await signInAs(app, 'owner@othercontacts.test');
    assert.equal((await get('/api/contacts?query=harbourside', other)).json().total, 0);
    const id = (await get('/api/contacts?query=harbourside')).json().contacts[0].id;
    assert.equal((await get(`/api/contacts/${id}`, other)).statusCode, 404);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/contacts/${id}`, headers: other.headers })).statusCode, 404);
    assert.equal((await get('/api/contacts', limited)).statusCode, 403);
  });
});

describe('CSV import and export', () => {
  const header = 'type,first_name,last_name,organization,fax,phone,email,address,city,region,postal_code,notes';

  test('a preview shows errors and duplicates per row and imports nothing', async () => {
    const before = await countContacts();
    const csv = [
      header,
      'person,Mina,Sato,"Sato Chiropractic, Inc.",604 555 0181,,mina@sato.example,"1 Main St",Burnaby,BC,V5H 1A1,"Prefers fax,\nnot e-mail"',
      'organization,,,Westside Lab,604 555 0182,,,,,,,',
      'person,Dup,Licate,,604 555 0181,,,,,,,',
      'organization,,,Harbourside Sports Medicine and Rehabilitation,604 555 0199,,,,,,,',
      'person,,,,604 555 01,,bad,,,,,',
      'robot,Al,Bot,,604 555 0183,,,,,,,',
    ].join('\r\n');
    const res = await post('/api/contacts/import', { csv, confirm: false });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.imported, 0);
    assert.equal(await countContacts(), before);
    const [mina, lab, dup, nameDup, bad, robot] = body.rows;
    assert.equal(mina.willImport, true);
    assert.equal(mina.values.notes, 'Prefers fax,\nnot e-mail');
    assert.equal(mina.values.organization, 'Sato Chiropractic, Inc.');
    assert.equal(lab.willImport, true);
    assert.deepEqual(dup.duplicate, { reason: 'fax-number', of: 'earlier-row', contactId: null, line: 2 });
    assert.equal(nameDup.duplicate, null, 'a different person at the same organization is not a duplicate by name');
    assert.equal(bad.willImport, false);
    assert.match(bad.errors.fax, /too short/);
    assert.match(bad.errors.email, /not an e-mail/);
    assert.match(bad.errors.last_name, /first or last name/);
    assert.match(robot.errors.type, /person.*organization/);
    assert.deepEqual(body.summary, { rows: 6, valid: 4, invalid: 2, duplicates: 1, toImport: 3 });
  });

  test('confirm imports only the valid, non-duplicate rows', async () => {
    const before = await countContacts();
    const csv = [
      header,
      'organization,,,Eastside Lab,604 555 0184,,,,,,,',
      'organization,,,Eastside Lab,604 555 0185,,,,,,,',
      'person,,,,,,,,,,,',
    ].join('\n');
    const res = await post('/api/contacts/import', { csv, confirm: true });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().imported, 1);
    assert.equal(res.json().rows[1].duplicate.reason, 'name');
    assert.equal(await countContacts(), before + 1);
  });

  test('a file with unknown columns or broken quotes is refused with the reason on csv', async () => {
    const unknown = await post('/api/contacts/import', { csv: 'name,fax\nA,604 555 0186', confirm: true });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.fields.csv, /Unknown column "name"/);
    const broken = await post('/api/contacts/import', { csv: `${header}\norganization,,,"Open quote,604 555 0187`, confirm: true });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.json().error.fields.csv, /never closed/);
  });

  test('the CSV export round-trips through import as duplicates, and formulas are neutralised', async () => {
    await post('/api/contacts', {
      kind: 'organization',
      organization: '=HYPERLINK("http://evil.example","x")',
      faxNumber: '604 555 0188',
      notes: '@risk, "quoted"\nsecond line',
    });
    const exported = await get('/api/contacts/export');
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^text\/csv/);
    assert.match(String(exported.headers['content-disposition']), /attachment; filename="chartfax-contacts.csv"/);
    const text = exported.body;
    assert.ok(text.startsWith(`${header}\r\n`));
    assert.match(text, /"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)"/, 'a formula is exported as text');
    assert.match(text, /'\+16045550188/);
    assert.ok(!/\n=|,=|,\+|,@/.test(text.replace(/"[^"]*"/g, '')), 'no cell starts with a formula character');

    const total = (await get('/api/contacts?limit=100')).json().total;
    const res = await post('/api/contacts/import', { csv: text, confirm: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.summary.rows, total);
    assert.equal(body.imported, 0);
    assert.ok(
      body.rows.every((r: { duplicate: { of: string } | null }) => r.duplicate?.of === 'existing-contact'),
      'every exported contact is recognised',
    );
    const formula = body.rows.find((r: { values: { fax: string } }) => r.values.fax === '+16045550188');
    assert.equal(formula.values.organization, '=HYPERLINK("http://evil.example","x")', 'the guard is removed again on import');
  });
});
