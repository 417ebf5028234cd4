import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createFakeClock } from '../../src/core/clock';
import { parseCsv } from '../../src/core/csv';
import { recordFaxOutcome } from '../../src/jobs/fax-outcome-records';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

const clock = createFakeClock('2025-05-06T17:00:00Z');
let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let owner: SignedIn;
let desk: SignedIn;
const queue = { enqueue: async () => undefined };
let n = 0;

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'disclose');
  app = await createTestApp(db, { clock });
  owner = await signInAs(app, clinic.staff.owner.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
});

async function sendAndFinish(opts: {
  patient: number;
  recipient: string;
  purpose: 'treatment' | 'legal';
  status: 'delivered' | 'failed' | 'partially-delivered';
  pages: number;
  at: string;
  cause?: string;
}) {
  n++;
  const fax = await db.db
    .insertInto('faxes')
    .values({
      clinic_id: clinic.clinicId,
      reference: `CF-DISC-000${n}`,
      status: opts.status,
      patient_id: clinic.patients[opts.patient]!.id,
      source: JSON.stringify({ type: 'chart-entries' }),
      description: '2 chart entries (3 Mar – 10 Mar 2025)',
      recipient_name: opts.recipient,
      recipient_fax_number: '+16045550142',
      cover: JSON.stringify({ enabled: true }),
      purpose: opts.purpose,
      sender_staff_id: clinic.staff['front-desk'].id,
      sender_name: 'Dana Front',
      transport: 'test-line',
      page_count: 4,
      give_up_at: new Date('2026-01-01T00:00:00Z'),
      failure_cause: opts.cause ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.db
    .transaction()
    .execute((trx) =>
      recordFaxOutcome(
        trx,
        { clock, queue },
        { faxId: fax.id, status: opts.status, pagesDelivered: opts.pages, occurredAt: new Date(opts.at) },
      ),
    );
  return fax.id;
}

describe('accounting of disclosures', () => {
  test('delivered faxes are disclosures with what, to whom, why and by whom; failed ones are not but reach the chart history', async () => {
    await sendAndFinish({
      patient: 0,
      recipient: 'Dr. Robin Lee',
      purpose: 'treatment',
      status: 'delivered',
      pages: 4,
      at: '2025-03-04T07:30:00Z',
    }); // 3 Mar 23:30 PST
    const failed = await sendAndFinish({
      patient: 0,
      recipient: 'Dr. Robin Lee',
      purpose: 'treatment',
      status: 'failed',
      pages: 0,
      at: '2025-03-05T18:00:00Z',
      cause: 'busy',
    });
    await sendAndFinish({
      patient: 1,
      recipient: 'Hale & Partners LLP',
      purpose: 'legal',
      status: 'partially-delivered',
      pages: 3,
      at: '2025-04-02T16:00:00Z',
      cause: 'line-failure',
    });

    const res = await app.inject({ url: '/api/disclosures', headers: owner.headers });
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json().disclosures;
    assert.equal(list.length, 2);
    const [first, second] = list;
    assert.equal(first.patient.name, `Avery ${clinic.patients[0]!.lastName}`);
    assert.equal(first.patient.dateOfBirth, '1980-04-12');
    assert.equal(first.recipientName, 'Dr. Robin Lee');
    assert.equal(first.recipientFaxNumber, '+16045550142');
    assert.equal(first.description, '2 chart entries (3 Mar – 10 Mar 2025)');
    assert.equal(first.purposeLabel, 'Treatment / continuity of care');
    assert.equal(first.senderName, 'Dana Front');
    assert.equal(first.outcome, 'delivered, 4 pages');
    assert.equal(first.disclosedAtLocal, '2025-03-03 23:30 PST');
    assert.equal(first.retainUntil, '2031-03-03', 'kept six years from the clinic’s date of disclosure');
    assert.equal(second.outcome, 'partially delivered, 3 of 4 pages: the connection failed or dropped during the call');

    const history = await db.db.selectFrom('patient_history').select('text').where('fax_id', '=', failed).executeTakeFirstOrThrow();
    assert.equal(
      history.text,
      'Faxed 2 chart entries (3 Mar – 10 Mar 2025) to Dr. Robin Lee at +1 604 555 0142 — failed: the line was busy',
    );
  });

  test('filter by patient and by inclusive days in the clinic’s time zone', async () => {
    const byPatient = (await app.inject({ url: `/api/disclosures?patientId=${clinic.patients[1]!.id}`, headers: owner.headers })).json();
    assert.deepEqual(
      byPatient.disclosures.map((d: { recipientName: string }) => d.recipientName),
      ['Hale & Partners LLP'],
    );
    const march3 = (await app.inject({ url: '/api/disclosures?from=2025-03-03&to=2025-03-03', headers: owner.headers })).json();
    assert.equal(march3.disclosures.length, 1, '23:30 PST on 3 Mar is 3 Mar for the clinic');
    const bad = await app.inject({ url: '/api/disclosures?from=2025-02-30', headers: owner.headers });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.from, /not a real date/);
  });

  test('CSV download with the clinic’s times', async () => {
    const res = await app.inject({ url: '/api/disclosures?format=csv', headers: owner.headers });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="chartfax-disclosures.csv"/);
    const rows = parseCsv(res.body).map((r) => r.cells);
    assert.deepEqual(rows[0], [
      'Date and time',
      'Patient',
      'Date of birth',
      'Recipient',
      'Fax number',
      'Description',
      'Purpose',
      'Sender',
      'Pages',
      'Outcome',
    ]);
    assert.deepEqual(rows[1], [
      '2025-03-03 23:30 PST',
      `Avery ${clinic.patients[0]!.lastName}`,
      '1980-04-12',
      'Dr. Robin Lee',
      "'+1 604 555 0142",
      '2 chart entries (3 Mar – 10 Mar 2025)',
      'Treatment / continuity of care',
      'Dana Front',
      '4',
      'delivered, 4 pages',
    ]);
    assert.equal(rows.length, 3);
  });

  test('only owners and admins read disclosures', async () => {
    assert.equal((await app.inject({ url: '/api/disclosures', headers: desk.headers })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/disclosures?format=csv', headers: desk.headers })).statusCode, 403);
  });

  test('disclosure records are append-only: the database refuses changes and deletions', async () => {
    const row = await db.db.selectFrom('disclosures').select('id').executeTakeFirstOrThrow();
    await assert.rejects(
      db.db.updateTable('disclosures').set({ recipient_name: 'Someone else' }).where('id', '=', row.id).execute(),
      /append-only/,
    );
    await assert.rejects(db.db.deleteFrom('disclosures').where('id', '=', row.id).execute(), /append-only/);
    await assert.rejects(sql`DELETE FROM disclosures`.execute(db.db), /append-only/);
    assert.equal(
      (await app.inject({ url: '/api/disclosures', headers: owner.headers })).json().disclosures[0].recipientName,
      'Dr. Robin Lee',
    );
  });
});
