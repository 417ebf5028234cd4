import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createFakeClock } from '../../src/core/clock';
import { recordFaxOutcome } from '../../src/jobs/fax-outcome-records';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue';
import { onFileEnd } from '../support/cleanup';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

// 15 Nov 2026, 10:00 in Vancouver.
const clock = createFakeClock('2026-11-15T18:00:00Z');
let app: FastifyInstance;
let db: TestDatabase;
let queue: JobQueue;
let clinic: ClinicFixture;
let owner: SignedIn;
let desk: SignedIn;
let locationId: string;
let faxCount = 0;

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'usage');
  app = await createTestApp(db, { clock });
  queue = await startJobQueue({ connectionString: db.url, expireInSeconds: 60, maintenanceIntervalSeconds: 60, pollingIntervalSeconds: 1 });
  onFileEnd(() => queue.stop());
  owner = await signInAs(app, clinic.staff.owner.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
  locationId = (
    await db.db.insertInto('locations').values({ clinic_id: clinic.clinicId, name: 'Kitsilano' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  await db.db
    .insertInto('clinic_fax_settings')
    .values({ clinic_id: clinic.clinicId, monthly_page_allowance: 100, overage_cents_per_page: 10 })
    .execute();
});

/** A fax row as the engine leaves it just before recording the outcome. */
async function insertFax(fields: {
  pageCount: number;
  staff?: 'front-desk' | 'practitioner' | null;
  location?: boolean;
  status?: string;
  failureCause?: string | null;
}) {
  faxCount++;
  const staffKey = fields.staff === undefined ? 'front-desk' : fields.staff;
  const row = await db.db
    .insertInto('faxes')
    .values({
      clinic_id: clinic.clinicId,
      reference: `CF-USGE-${String(faxCount).padStart(4, '0')}`,
      status: (fields.status ?? 'delivered') as 'delivered',
      patient_id: clinic.patients[0]!.id,
      source: JSON.stringify({ type: 'chart-entries' }),
      description: '3 chart entries (12 Mar – 2 Apr 2025)',
      recipient_name: 'Dr. Lee',
      recipient_fax_number: '+16045550142',
      cover: JSON.stringify({ enabled: true }),
      sender_staff_id: staffKey ? clinic.staff[staffKey].id : null,
      sender_name: staffKey ? `${staffKey} usage` : 'Host EHR',
      location_id: fields.location ? locationId : null,
      transport: 'test-line',
      page_count: fields.pageCount,
      cover_pages: 1,
      give_up_at: new Date('2026-12-31T00:00:00Z'),
      failure_cause: fields.failureCause ?? null,
      failure_message: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function finish(
  faxId: string,
  status: 'delivered' | 'partially-delivered' | 'failed' | 'cancelled' | 'expired',
  pagesDelivered: number,
  occurredAt: string,
) {
  await db.db
    .transaction()
    .execute((trx) => recordFaxOutcome(trx, { clock, queue }, { faxId, status, pagesDelivered, occurredAt: new Date(occurredAt) }));
}

const usage = async (month?: string, who: SignedIn = owner) => {
  const res = await app.inject({ url: `/api/usage${month ? `?month=${month}` : ''}`, headers: who.headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

async function emailJobs(): Promise<string[]> {
  const rows = await sql<{ data: { notificationId: string } }>`SELECT data FROM pgboss.job WHERE name = 'email-notification'`.execute(
    db.db,
  );
  return rows.rows.map((r) => r.data.notificationId);
}

describe('pages against the allowance', () => {
  test('a delivered fax counts its pages, cover page included, on the clinic’s calendar day', async () => {
    const id = await insertFax({ pageCount: 4, location: true });
    await finish(id, 'delivered', 4, '2026-11-03T17:00:00Z');
    const u = await usage('2026-11');
    assert.equal(u.pagesUsed, 4);
    assert.equal(u.allowance, 100);
    assert.equal(u.pagesRemaining, 96);
    assert.equal(u.byDay.length, 30, 'every day of the month');
    assert.deepEqual(u.byDay[2], { date: '2026-11-03', pages: 4 });
    assert.deepEqual(u.byStaff, [{ staffId: clinic.staff['front-desk'].id, name: 'front-desk usage', pages: 4 }]);
    assert.deepEqual(u.byLocation, [{ locationId, name: 'Kitsilano', pages: 4 }]);
  });

  test('a failed fax uses no pages; a cancelled one neither', async () => {
    const failed = await insertFax({ pageCount: 5, status: 'failed', failureCause: 'busy' });
    await finish(failed, 'failed', 2, '2026-11-04T17:00:00Z');
    const cancelled = await insertFax({ pageCount: 5, status: 'cancelled', failureCause: 'cancelled' });
    await finish(cancelled, 'cancelled', 0, '2026-11-04T17:00:00Z');
    assert.equal((await usage('2026-11')).pagesUsed, 4);
    const rows = await db.db.selectFrom('usage_records').select('fax_id').where('fax_id', 'in', [failed, cancelled]).execute();
    assert.equal(rows.length, 0);
  });

  test('a partial delivery counts only the pages that went through', async () => {
    const id = await insertFax({ pageCount: 6, staff: 'practitioner', status: 'partially-delivered', failureCause: 'line-failure' });
    await finish(id, 'partially-delivered', 3, '2026-11-05T17:00:00Z');
    const u = await usage('2026-11');
    assert.equal(u.pagesUsed, 7);
    assert.equal(u.byStaff.find((s: { staffId: string }) => s.staffId === clinic.staff.practitioner.id).pages, 3);
  });

  test('recording the same outcome twice counts once', async () => {
    const id = await insertFax({ pageCount: 2 });
    await finish(id, 'delivered', 2, '2026-11-06T17:00:00Z');
    await finish(id, 'delivered', 2, '2026-11-06T17:00:00Z');
    assert.equal((await usage('2026-11')).pagesUsed, 9);
    const history = await db.db.selectFrom('patient_history').select('text').where('fax_id', '=', id).execute();
    assert.equal(history.length, 1);
  });

  test('a fax delivered late on the last evening of the month counts in that month (clinic time zone)', async () => {
    // 30 Nov 2026 22:30 in Vancouver is 1 Dec 06:30 UTC.
    const id = await insertFax({ pageCount: 1, staff: null });
    await finish(id, 'delivered', 1, '2026-12-01T06:30:00Z');
    const u = await usage('2026-11');
    assert.equal(u.pagesUsed, 10);
    assert.equal(u.byDay.at(-1).pages, 1);
    assert.ok(u.byStaff.some((s: { staffId: string | null; name: string }) => s.staffId === null && s.name === 'Host systems (API)'));
    assert.equal((await usage('2026-12')).pagesUsed, 0);
  });

  test('the history of the last 12 months, and this month by default', async () => {
    const id = await insertFax({ pageCount: 3 });
    await finish(id, 'delivered', 3, '2026-02-10T18:00:00Z');
    const u = await usage();
    assert.equal(u.month, '2026-11', 'this month in the clinic’s zone');
    assert.equal(u.months.length, 12);
    assert.deepEqual(u.months[0], { month: '2025-12', pages: 0 });
    assert.deepEqual(
      u.months.find((m: { month: string }) => m.month === '2026-02'),
      { month: '2026-02', pages: 3 },
    );
    assert.deepEqual(u.months.at(-1), { month: '2026-11', pages: 10 });
  });
});

describe('allowance notices', () => {
  test('crossing 80% notifies admins once and queues their e-mail; 100% once more with the overage', async () => {
    assert.equal((await usage('2026-11')).pagesUsed, 10);
    assert.deepEqual(await emailJobs(), []);
    const big = await insertFax({ pageCount: 72 });
    await finish(big, 'delivered', 72, '2026-11-20T18:00:00Z');
    let notes = await db.db.selectFrom('notifications').selectAll().where('clinic_id', '=', clinic.clinicId).execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.dedupe_key, 'allowance-80:2026-11');
    assert.equal(notes[0]!.audience, 'admins');
    assert.match(notes[0]!.body, /82 of its 100 fax pages for November 2026/);
    assert.ok(
      !notes[0]!.body.includes('Lee') && !notes[0]!.body.includes('Quill') && !notes[0]!.body.includes('555'),
      'no recipient or patient data',
    );
    assert.deepEqual(await emailJobs(), [notes[0]!.id], 'the e-mail job is queued with the notification');

    const small = await insertFax({ pageCount: 2 });
    await finish(small, 'delivered', 2, '2026-11-21T18:00:00Z');
    notes = await db.db.selectFrom('notifications').selectAll().where('clinic_id', '=', clinic.clinicId).execute();
    assert.equal(notes.length, 1, 'still one notice at 84%');

    const over = await insertFax({ pageCount: 20 });
    await finish(over, 'delivered', 20, '2026-11-22T18:00:00Z');
    notes = await db.db.selectFrom('notifications').selectAll().where('clinic_id', '=', clinic.clinicId).orderBy('created_at').execute();
    assert.deepEqual(notes.map((n) => n.dedupe_key).sort(), ['allowance-100:2026-11', 'allowance-80:2026-11']);
    assert.equal((await emailJobs()).length, 2);

    const u = await usage('2026-11');
    assert.equal(u.pagesUsed, 104);
    assert.equal(u.overagePages, 4);
    assert.equal(u.overageCents, 40);
    assert.equal(u.percentUsed, 104);

    const adminView = await app.inject({ url: '/api/notifications', headers: owner.headers });
    assert.equal(adminView.json().notifications.length, 2);
    const deskView = await app.inject({ url: '/api/notifications', headers: desk.headers });
    assert.equal(deskView.json().notifications.length, 0, 'front desk does not see admin notices');
  });
});

describe('the usage page', () => {
  test('an invalid month is a 400 with a field error', async () => {
    const res = await app.inject({ url: '/api/usage?month=2026-13', headers: owner.headers });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.fields.month, /YYYY-MM/);
  });

  test('front desk staff cannot read usage', async () => {
    assert.equal((await app.inject({ url: '/api/usage', headers: desk.headers })).statusCode, 403);
  });
});
