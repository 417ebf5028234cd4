import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_RETRY_SETTINGS } from '../../src/core/retry-settings';
import { retryPolicyFromSettings } from '../../src/core/retry-policy';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let owner: SignedIn;
let desk: SignedIn;

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'settings');
  app = await createTestApp(db);
  owner = await signInAs(app, clinic.staff.owner.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
});

const patch = (payload: object, who: SignedIn = owner) =>
  app.inject({ method: 'PATCH', url: '/api/settings/fax', headers: who.headers, payload });
const stored = () => db.db.selectFrom('clinic_fax_settings').selectAll().where('clinic_id', '=', clinic.clinicId).executeTakeFirst();

describe('fax settings', () => {
  test('a clinic starts with the defaults: 500 pages, 8 cents, letter, fine, no international', async () => {
    const res = await app.inject({ url: '/api/settings/fax', headers: desk.headers });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.deepEqual(
      {
        paperSize: s.paperSize,
        resolution: s.resolution,
        internationalEnabled: s.internationalEnabled,
        monthlyPageAllowance: s.monthlyPageAllowance,
        overageCentsPerPage: s.overageCentsPerPage,
        coverPatientFields: s.coverPatientFields,
        callbackNumber: s.callbackNumber,
      },
      {
        paperSize: 'letter',
        resolution: 'fine',
        internationalEnabled: false,
        monthlyPageAllowance: 500,
        overageCentsPerPage: 8,
        coverPatientFields: false,
        callbackNumber: null,
      },
    );
    assert.deepEqual(s.retryPolicy, DEFAULT_RETRY_SETTINGS);
    assert.equal(s.retryPolicyIsDefault, true);
  });

  test('owners change settings; the callback number is stored in E.164', async () => {
    const res = await patch({ paperSize: 'a4', internationalEnabled: true, monthlyPageAllowance: 1500, callbackNumber: '(604) 555-0100' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().callbackNumber, '+16045550100');
    assert.equal(res.json().callbackNumberDisplay, '+1 604 555 0100');
    const row = await stored();
    assert.equal(row?.paper_size, 'a4');
    assert.equal(row?.international_enabled, true);
    assert.equal(row?.monthly_page_allowance, 1500);
    assert.equal(row?.overage_cents_per_page, 8, 'untouched settings keep their value');
  });

  test('the retry policy is saved whole, read by the fax engine, and null restores the defaults', async () => {
    const policy = { ...DEFAULT_RETRY_SETTINGS, busy: { intervalMinutes: 10, maxAttempts: 4 }, giveUpAfterMinutes: 600 };
    const res = await patch({ retryPolicy: policy });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().retryPolicy, policy);
    const engine = retryPolicyFromSettings((await stored())?.retry_policy);
    assert.deepEqual(engine.rules.busy, { intervalMinutes: 10, maxAttempts: 4 });
    assert.equal(engine.giveUpAfterMinutes, 600);
    const reset = await patch({ retryPolicy: null });
    assert.equal(reset.json().retryPolicyIsDefault, true);
    assert.deepEqual(reset.json().retryPolicy, DEFAULT_RETRY_SETTINGS);
  });

  test('bad input gets field errors and changes nothing', async () => {
    const before = await stored();
    const res = await patch({
      callbackNumber: '604 555',
      retryPolicy: { ...DEFAULT_RETRY_SETTINGS, busy: { intervalMinutes: 0, maxAttempts: 50 }, giveUpAfterMinutes: 5 },
    });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields;
    assert.ok(fields['retryPolicy.busy.intervalMinutes'], JSON.stringify(fields));
    assert.ok(fields['retryPolicy.busy.maxAttempts']);
    assert.ok(fields['retryPolicy.giveUpAfterMinutes']);

    const number = await patch({ callbackNumber: '604 555', monthlyPageAllowance: 2000 });
    assert.equal(number.statusCode, 400);
    assert.match(number.json().error.fields.callbackNumber, /too short/);

    const missingRule = await patch({ retryPolicy: { busy: { intervalMinutes: 3, maxAttempts: 3 }, giveUpAfterMinutes: 60 } });
    assert.equal(missingRule.statusCode, 400);
    assert.ok(missingRule.json().error.fields['retryPolicy.noAnswer']);

    for (const payload of [{ paperSize: 'legal' }, { monthlyPageAllowance: -1 }, { colour: true }]) {
      assert.equal((await patch(payload)).statusCode, 400, JSON.stringify(payload));
    }
    assert.deepEqual(await stored(), before);
  });

  test('only owners and admins change settings', async () => {
    const res = await patch({ internationalEnabled: false }, desk);
    assert.equal(res.statusCode, 403);
    assert.equal((await stored())?.international_enabled, true);
  });
});
