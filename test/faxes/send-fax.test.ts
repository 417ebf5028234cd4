import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createFakeClock } from '../../src/core/clock';
import { advanceFax, runWatchdog } from '../../src/jobs/fax-engine';
import { startTestChartfax, type TestChartfax } from '../support/chartfax';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { signInAs, type SignedIn } from '../support/http';

// The engine is driven step by step (no background workers) with a clock the test moves.
const clock = createFakeClock('2025-05-06T17:00:00Z');
let t: TestChartfax;
let app: FastifyInstance;
let clinic: ClinicFixture;
let desk: SignedIn;
let owner: SignedIn;

before(async () => {
  t = await startTestChartfax({ workers: false, clock });
  app = t.chartfax.app!;
  clinic = await createClinicFixture(t.db.db, 'faxing');
  desk = await signInAs(app, clinic.staff['front-desk'].email);
  owner = await signInAs(app, clinic.staff.owner.email);
});

const entrySource = () => ({ type: 'chart-entry' as const, chartEntryId: clinic.entries[0]!.id });

async function send(body: Record<string, unknown>, who: SignedIn = desk) {
  return app.inject({ method: 'POST', url: '/api/faxes', headers: who.headers, payload: body });
}

async function getFax(id: string) {
  const res = await app.inject({ url: `/api/faxes/${id}`, headers: desk.headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

describe('sending through the test line', () => {
  test('a chart entry with a cover page is delivered, and everything about it is recorded', async () => {
    const res = await send({
      source: entrySource(),
      recipient: { name: 'Dr. Robin Lee', faxNumber: '(604) 555-0142' },
      coverPage: { enabled: true, subject: 'Referral', notes: 'Please see attached.' },
      purpose: 'treatment',
    });
    assert.equal(res.statusCode, 202, res.body);
    const accepted = res.json();
    assert.equal(accepted.status, 'queued');
    assert.equal(accepted.pageCount, 2, 'cover page plus one entry page');

    await advanceFax(t.chartfax.engine, accepted.id);
    const fax = await getFax(accepted.id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.pagesDelivered, 2);
    assert.equal(fax.recipient.faxNumber, '+16045550142');
    assert.equal(fax.attempts.length, 1);
    const attempt = fax.attempts[0];
    assert.equal(attempt.transport, 'test-line');
    assert.equal(attempt.pagesTransmitted, 2);
    assert.equal(attempt.remoteStationId, '+1 604 555 0142');
    assert.ok(attempt.bitRate >= 9600);
    assert.ok(attempt.durationSeconds > 10, 'line seconds are reported');

    // What the virtual machine printed is there to compare with what was sent.
    assert.equal(fax.received.pages.length, 2);
    const received = await app.inject({ url: fax.received.pages[1].url, headers: desk.headers });
    assert.equal(received.statusCode, 200);
    assert.equal(received.headers['content-type'], 'image/png');

    const pdf = await app.inject({ url: fax.documentUrl, headers: desk.headers });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    const usage = await t.db.db.selectFrom('usage_records').selectAll().where('fax_id', '=', accepted.id).execute();
    assert.equal(usage[0]?.pages, 2, 'cover pages count against the allowance');
    const disclosure = await t.db.db.selectFrom('disclosures').selectAll().where('fax_id', '=', accepted.id).executeTakeFirstOrThrow();
    assert.equal(disclosure.recipient_fax_number, '+16045550142');
    assert.equal(disclosure.purpose, 'treatment');
    assert.match(disclosure.description, /1 chart entry/);
    const history = await app.inject({ url: `/api/patients/${clinic.patients[0]!.id}/history`, headers: desk.headers });
    const line = history.json().history.find((h: { faxId: string }) => h.faxId === accepted.id);
    assert.match(line.text, /Faxed 1 chart entry .* to Dr\. Robin Lee at \+1 604 555 0142 — delivered, 2 pages/);
  });

  test('a busy line waits and says when it will try again; the retry then delivers', async () => {
    const res = await send({
      source: entrySource(),
      recipient: { name: 'Busy Office', faxNumber: '604-555-0150' },
      coverPage: { enabled: false },
    });
    const id = res.json().id;
    await advanceFax(t.chartfax.engine, id);
    let fax = await getFax(id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.attempts[0].cause, 'busy');
    assert.equal(fax.attempts[0].explanation, 'The line was busy. Chartfax will try again at 10:03 AM.');
    assert.equal(fax.nextAttemptAt, '2025-05-06T17:03:00.000Z');

    // Not yet due: nothing happens.
    await advanceFax(t.chartfax.engine, id);
    assert.equal((await getFax(id)).attempts.length, 1);

    // The number keeps being busy until the twelfth dial, then Chartfax stops.
    for (let dial = 2; dial <= 12; dial++) {
      clock.advance(3 * 60_000);
      await advanceFax(t.chartfax.engine, id);
    }
    fax = await getFax(id);
    assert.equal(fax.attempts.length, 12);
    assert.equal(fax.status, 'failed');
    assert.match(fax.failure.message, /stopped trying/);
    const usage = await t.db.db.selectFrom('usage_records').selectAll().where('fax_id', '=', id).execute();
    assert.equal(usage.length, 0, 'failed faxes use no pages');
  });

  test('a line that drops after page 1 is partially delivered, and the retry sends only the rest behind a continuation cover', async () => {
    const res = await send({
      source: { type: 'treatment-plan', treatmentPlanId: clinic.planId },
      recipient: { name: 'Dropping Line', faxNumber: '+1 604 555 0153' },
      coverPage: { enabled: true },
    });
    const { id, pageCount } = res.json();
    assert.ok(pageCount >= 3);
    await advanceFax(t.chartfax.engine, id);
    let fax = await getFax(id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.pagesDelivered, 1);
    assert.equal(fax.attempts[0].cause, 'line-failure');
    clock.advance(5 * 60_000);
    await advanceFax(t.chartfax.engine, id);
    fax = await getFax(id);
    assert.equal(fax.attempts[1].firstPage, 2, 'the second attempt starts at page 2');
    // 0153 drops after the first page of every call: the continuation cover gets through, the rest waits.
    assert.equal(fax.attempts[1].pagesTransmitted, 1);
  });

  test('continuations resume where the line dropped until every page is through', async () => {
    // 0154 drops after the second page of every call; each retry resends only what is missing,
    // behind a continuation cover, so the fax creeps forward one page per call.
    const res = await send({
      source: { type: 'treatment-plan', treatmentPlanId: clinic.planId },
      recipient: { name: 'Dropping Line', faxNumber: '+1 604 555 0154' },
      coverPage: { enabled: true },
    });
    const { id, pageCount } = res.json();
    await advanceFax(t.chartfax.engine, id);
    for (let i = 0; i < 2; i++) {
      clock.advance(5 * 60_000);
      await advanceFax(t.chartfax.engine, id);
    }
    const fax = await getFax(id);
    const expectedDelivered = Math.min(pageCount, 2 + 1 + 1);
    assert.equal(fax.pagesDelivered, expectedDelivered);
    assert.equal(fax.status, expectedDelivered === pageCount ? 'delivered' : 'partially-delivered');
    assert.deepEqual(
      fax.attempts.map((a: { firstPage: number }) => a.firstPage),
      [1, 3, 4].slice(0, fax.attempts.length),
    );
    if (fax.status === 'delivered') assert.match(fax.attempts.at(-1).explanation, /continuation cover/);
  });

  test('a voice answering is not retried and explains what to check', async () => {
    const { id } = (
      await send({ source: entrySource(), recipient: { name: 'Reception', faxNumber: '604 555 0152' }, coverPage: { enabled: false } })
    ).json();
    await advanceFax(t.chartfax.engine, id);
    const fax = await getFax(id);
    assert.equal(fax.status, 'failed');
    assert.equal(fax.failure.cause, 'voice-answered');
    assert.match(fax.failure.message, /fax number/);
  });
});

describe('requests that are refused', () => {
  const body = (recipient: Record<string, unknown>) => ({ source: entrySource(), recipient, coverPage: { enabled: false } });

  test('the same idempotency key never sends twice', async () => {
    const payload = { ...body({ name: 'Dr. Lee', faxNumber: '6045550142' }), idempotencyKey: 'ehr-42' };
    const first = (await send(payload)).json();
    const second = await send(payload);
    assert.equal(second.statusCode, 202);
    assert.equal(second.json().id, first.id);
    const count = await t.db.db
      .selectFrom('faxes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', 'ehr-42')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  test('invalid numbers, international numbers and empty names are clear 4xx errors', async () => {
    const invalid = await send(body({ name: 'X', faxNumber: '12345' }));
    assert.equal(invalid.statusCode, 400);
    assert.ok(invalid.json().error.fields['recipient.faxNumber']);
    const international = await send(body({ name: 'London Clinic', faxNumber: '+44 20 7946 0958' }));
    assert.equal(international.statusCode, 422);
    assert.equal(international.json().error.code, 'international-disabled');
    const jamaica = await send(body({ name: 'Kingston', faxNumber: '+1 876 555 0142' }));
    assert.equal(jamaica.json().error.code, 'international-disabled', '+1 outside the US and Canada is international');
    const empty = await send(body({ name: '   ', faxNumber: '6045550142' }));
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().error.fields['recipient.name'], /name/);
  });

  test('an empty date range is refused with the dates in words, never a blank fax', async () => {
    const res = await send({
      source: { type: 'chart-range', patientId: clinic.patients[0]!.id, from: '2025-03-05', to: '2025-03-08' },
      recipient: { name: 'Dr. Lee', faxNumber: '6045550142' },
      coverPage: { enabled: false },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.message, 'No chart entries between 5 Mar 2025 and 8 Mar 2025. Choose another date range.');
  });

  test('contacts that are archived or have no fax number cannot be faxed', async () => {
    const archived = await t.db.db
      .insertInto('contacts')
      .values({
        clinic_id: clinic.clinicId,
        kind: 'organization',
        organization: 'Old Insurer',
        fax_number: '+16045550143',
        archived_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const noFax = await t.db.db
      .insertInto('contacts')
      .values({ clinic_id: clinic.clinicId, kind: 'person', first_name: 'Pat', last_name: 'Nofax', fax_number: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await send(body({ contactId: archived.id }));
    assert.equal(a.statusCode, 400);
    assert.match(a.json().error.message, /archived/);
    const n = await send(body({ contactId: noFax.id }));
    assert.match(n.json().error.message, /no fax number/);
  });

  test('practitioner (limited) may never send a fax', async () => {
    const limited = await signInAs(app, clinic.staff['practitioner-limited'].email);
    const res = await send(body({ name: 'Dr. Lee', faxNumber: '6045550142' }), limited);
    assert.equal(res.statusCode, 403);
    assert.match(res.json().error.message, /faxes:send/);
  });

  test('cancel works until transmission starts; a delivered fax cannot be cancelled; an active one cannot be resent', async () => {
    const { id } = (await send(body({ name: 'Dr. Lee', faxNumber: '6045550142' }))).json();
    const resendEarly = await app.inject({ method: 'POST', url: `/api/faxes/${id}/resend`, headers: desk.headers, payload: {} });
    assert.equal(resendEarly.statusCode, 409);
    const cancelled = await app.inject({ method: 'POST', url: `/api/faxes/${id}/cancel`, headers: desk.headers });
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().status, 'cancelled');
    await advanceFax(t.chartfax.engine, id);
    assert.equal((await getFax(id)).attempts.length, 0, 'a cancelled fax is never dialled');

    const delivered = (await send(body({ name: 'Dr. Lee', faxNumber: '6045550142' }))).json();
    await advanceFax(t.chartfax.engine, delivered.id);
    const late = await app.inject({ method: 'POST', url: `/api/faxes/${delivered.id}/cancel`, headers: desk.headers });
    assert.equal(late.statusCode, 409);
    const resent = await app.inject({
      method: 'POST',
      url: `/api/faxes/${delivered.id}/resend`,
      headers: desk.headers,
      payload: { faxNumber: '604 555 0144' },
    });
    assert.equal(resent.statusCode, 202);
    const copy = await getFax(resent.json().id);
    assert.equal(copy.resendOf, delivered.id);
    assert.equal(copy.recipient.faxNumber, '+16045550144');
  });
});

describe('previews', () => {
  test('the preview is exactly what is sent, and its images are authorized and expire', async () => {
    const payload = {
      source: entrySource(),
      recipient: { name: 'Dr. Lee', faxNumber: '6045550142' },
      coverPage: { enabled: true, subject: 'Hello' },
    };
    const preview = await app.inject({ method: 'POST', url: '/api/fax-previews', headers: desk.headers, payload });
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.equal(p.pageCount, 2);
    assert.equal(p.pages.length, 2);
    assert.equal(p.checks.firstTimeNumber, false, 'this number has received faxes before');
    const image = await app.inject({ url: p.pages[0].url, headers: desk.headers });
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal((await app.inject({ url: p.pages[0].url })).statusCode, 401, 'no image without signing in');

    const sent = (await send({ ...payload, previewId: p.previewId })).json();
    assert.equal(sent.reference, p.reference, 'the previewed pages (with their reference) are the ones sent');
    const sentPage = await app.inject({ url: `/api/faxes/${sent.id}/pages/1`, headers: desk.headers });
    assert.deepEqual(sentPage.rawPayload, image.rawPayload);

    clock.advance(31 * 60_000);
    assert.equal((await app.inject({ url: p.pages[0].url, headers: desk.headers })).statusCode, 404, 'expired');
  });

  test('a never-faxed number is flagged for confirmation; unsigned entries are warned about', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/fax-previews',
      headers: owner.headers,
      payload: {
        source: { type: 'chart-entry', chartEntryId: clinic.entries[4]!.id },
        recipient: { name: 'New Place', faxNumber: '604 555 0177' },
        coverPage: { enabled: false },
      },
    });
    const p = res.json();
    assert.equal(p.checks.firstTimeNumber, true);
    assert.ok(p.warnings.some((w: { code: string }) => w.code === 'unsigned-entries'));
  });
});

describe('contacts with a corrected number', () => {
  test('a number that differs from the contact’s saved one is flagged, and the fax stays linked to the contact', async () => {
    const contact = await t.db.db
      .insertInto('contacts')
      .values({
        clinic_id: clinic.clinicId,
        kind: 'person',
        first_name: 'Robin',
        last_name: 'Lee',
        organization: 'Harbour Physio',
        fax_number: '+16045550142',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payload = {
      source: entrySource(),
      recipient: { contactId: contact.id, faxNumber: '604 555 0145' },
      coverPage: { enabled: false },
    };
    const preview = (await app.inject({ method: 'POST', url: '/api/fax-previews', headers: desk.headers, payload })).json();
    assert.equal(preview.checks.differsFromContact, true);
    assert.equal(preview.recipient.faxNumber, '+16045550145');
    const same = (
      await app.inject({
        method: 'POST',
        url: '/api/fax-previews',
        headers: desk.headers,
        payload: { ...payload, recipient: { contactId: contact.id } },
      })
    ).json();
    assert.equal(same.checks.differsFromContact, false);
    const sent = (await send(payload)).json();
    const row = await t.db.db
      .selectFrom('faxes')
      .select(['contact_id', 'recipient_fax_number'])
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { contact_id: contact.id, recipient_fax_number: '+16045550145' });
    const list = await app.inject({ url: `/api/faxes?patientId=${clinic.patients[0]!.id}&limit=1`, headers: desk.headers });
    assert.equal(list.json().faxes[0].patientName, `Avery Quill-faxing`);
  });
});

describe('the watchdog', () => {
  test('an attempt whose worker vanished mid-call is looked up and finished; nothing stays in progress', async () => {
    const { id, reference } = (
      await send({ source: entrySource(), recipient: { name: 'Dr. Lee', faxNumber: '6045550142' }, coverPage: { enabled: false } })
    ).json();
    // A worker claimed the fax and started attempt 1, then died before dialling (no call recorded).
    const now = clock.now();
    await t.db.db
      .insertInto('fax_attempts')
      .values({
        fax_id: id,
        attempt_number: 1,
        transport: 'test-line',
        status: 'sending',
        started_at: now,
        lease_expires_at: new Date(now.getTime() + 60_000),
        pages_in_attempt: 1,
      })
      .execute();
    await t.db.db.updateTable('faxes').set({ status: 'sending', attempt_count: 1 }).where('id', '=', id).execute();

    await advanceFax(t.chartfax.engine, id);
    assert.equal((await getFax(id)).status, 'sending', 'a live lease is respected');

    clock.advance(10 * 60_000);
    const found = await runWatchdog(t.chartfax.engine);
    assert.ok(found >= 1, 'the watchdog notices the stalled fax');
    const job = await t.db.db
      .selectFrom('pgboss.job' as never)
      .select(['data' as never])
      .where('name' as never, '=', 'send-fax' as never)
      .execute();
    assert.ok(
      (job as { data: { faxId: string } }[]).some((j) => j.data.faxId === id),
      'and puts it back on the queue',
    );

    await advanceFax(t.chartfax.engine, id); // look-up: the line never got attempt 1, so it is retried at once
    await advanceFax(t.chartfax.engine, id); // attempt 2
    const fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts[0].rawCode, 'interrupted');
    assert.match(fax.attempts[0].explanation, /interrupted/);
    const calls = await t.db.db.selectFrom('test_line_calls').select('attempt').where('reference', '=', reference).execute();
    assert.deepEqual(
      calls.map((c) => c.attempt),
      [2],
      'only one call was made',
    );
  });
});
