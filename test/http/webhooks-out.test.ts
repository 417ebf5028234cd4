import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createFakeClock } from '../../src/core/clock';
import { createSecretBox } from '../../src/db/secret-box';
import { handleDeliverWebhook, MAX_WEBHOOK_ATTEMPTS } from '../../src/jobs/deliver-webhook';
import { queueStatusWebhooks, recordFaxOutcome } from '../../src/jobs/fax-outcome-records';
import type { JobDeps } from '../../src/jobs/job-deps';
import type { JobName, JobPayloads } from '../../src/jobs/queue';
import { onFileEnd } from '../support/cleanup';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

const clock = createFakeClock('2026-05-06T17:00:00Z');
let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let owner: SignedIn;
let desk: SignedIn;
let receiverUrl = '';
/** What the receiver answers next. */
let answerStatus = 200;
const received: { headers: http.IncomingHttpHeaders; body: string; verified: boolean }[] = [];
const endpointSecrets = new Map<string, string>();
const queued: { name: JobName; payload: unknown }[] = [];
const queue = {
  async enqueue<N extends JobName>(_executor: unknown, name: N, payload: JobPayloads[N]) {
    queued.push({ name, payload });
  },
};

/** A host system's receiver, verifying the signature the way docs/webhooks.md describes. */
function verify(secret: string, header: string | undefined, rawBody: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300 || !parts.v1) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'hooks');
  app = await createTestApp(db, { clock });
  owner = await signInAs(app, clinic.staff.owner.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = [...endpointSecrets.values()][0] ?? '';
      received.push({
        headers: req.headers,
        body,
        verified: verify(secret, req.headers['chartfax-signature'] as string, body, Math.floor(clock.now().getTime() / 1000)),
      });
      res.writeHead(answerStatus, { connection: 'close' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chartfax/events`;
  onFileEnd(() => new Promise<void>((resolve) => server.close(() => resolve())));
});

function jobDeps(): JobDeps {
  return { db: db.db, clock, queue, secrets: createSecretBox('test-secret-key-with-at-least-32-characters'), mailer: null, fetch };
}

async function insertFax(reference: string) {
  return (
    await db.db
      .insertInto('faxes')
      .values({
        clinic_id: clinic.clinicId,
        reference,
        status: 'sending',
        patient_id: clinic.patients[0]!.id,
        source: JSON.stringify({ type: 'chart-entry' }),
        description: '1 chart entry (3 Mar 2025)',
        recipient_name: 'Dr. Robin Lee',
        recipient_fax_number: '+16045550142',
        cover: JSON.stringify({ enabled: true }),
        sender_staff_id: clinic.staff['front-desk'].id,
        sender_name: 'front-desk hooks',
        transport: 'test-line',
        page_count: 3,
        give_up_at: new Date('2026-05-07T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

describe('webhook endpoints', () => {
  test('bad addresses get field errors; http is allowed only for this machine', async () => {
    for (const url of ['http://ehr.example.com/hook', 'ftp://ehr.example.com', 'not a url', 'https://user:pw@ehr.example.com/']) {
      const res = await app.inject({ method: 'POST', url: '/api/webhook-endpoints', headers: owner.headers, payload: { url } });
      assert.equal(res.statusCode, 400, url);
      assert.ok(res.json().error.fields.url, url);
    }
    assert.equal((await app.inject({ url: '/api/webhook-endpoints', headers: owner.headers })).json().endpoints.length, 0);
    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/webhook-endpoints', headers: desk.headers, payload: { url: receiverUrl } }))
        .statusCode,
      403,
    );
  });

  test('the signing secret is shown once and stored sealed', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhook-endpoints',
      headers: owner.headers,
      payload: { url: receiverUrl, description: 'Host EHR' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.match(created.secret, /^whsec_/);
    endpointSecrets.set(created.id, created.secret);
    const listed = (await app.inject({ url: '/api/webhook-endpoints', headers: owner.headers })).json();
    assert.equal(listed.endpoints.length, 1);
    assert.equal(listed.endpoints[0].secret, undefined);
    const row = await db.db
      .selectFrom('webhook_endpoints')
      .select('secret_encrypted')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.secret_encrypted.includes(created.secret));
  });
});

describe('deliveries', () => {
  test('a webhook receiver can verify the signature, and the body holds no names, numbers or chart text', async () => {
    const faxId = await insertFax('CF-HOOK-0001');
    await db.db
      .transaction()
      .execute((trx) =>
        queueStatusWebhooks(trx, { clock, queue }, { clinicId: clinic.clinicId, faxId, status: 'sending', occurredAt: clock.now() }),
      );
    await db.db.updateTable('faxes').set({ status: 'delivered', pages_delivered: 3 }).where('id', '=', faxId).execute();
    await db.db
      .transaction()
      .execute((trx) =>
        recordFaxOutcome(trx, { clock, queue }, { faxId, status: 'delivered', pagesDelivered: 3, occurredAt: clock.now() }),
      );
    const jobs = queued.filter((j) => j.name === 'deliver-webhook');
    assert.equal(jobs.length, 2, 'one delivery per status change per endpoint');

    for (const job of jobs) await handleDeliverWebhook(jobDeps(), job.payload as { deliveryId: string });
    assert.equal(received.length, 2);
    for (const r of received) {
      assert.equal(r.verified, true, 'signature verifies with the endpoint secret');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.ok(r.headers['chartfax-event-id']);
      // Whole numbers in every written form: short digit runs can occur by chance inside ids.
      for (const phi of [
        'Robin',
        'Lee',
        '6045550142',
        '604 555 0142',
        '555-0142',
        '(604)',
        'chart entry',
        clinic.patients[0]!.lastName,
        'front-desk',
      ])
        assert.ok(!r.body.includes(phi), `body must not contain ${phi}`);
    }
    const last = JSON.parse(received[1]!.body);
    assert.deepEqual(last.data, {
      faxId,
      reference: 'CF-HOOK-0001',
      status: 'delivered',
      pagesDelivered: 3,
      pageCount: 3,
      failureCause: null,
    });
    assert.equal(last.type, 'fax.status_changed');
    assert.equal(last.id, received[1]!.headers['chartfax-event-id']);

    // A tampered body fails verification.
    const secret = [...endpointSecrets.values()][0]!;
    const t = Math.floor(clock.now().getTime() / 1000);
    assert.equal(
      verify(secret, received[1]!.headers['chartfax-signature'] as string, received[1]!.body.replace('"delivered"', '"failed"'), t),
      false,
    );

    const endpointId = [...endpointSecrets.keys()][0]!;
    const log = (await app.inject({ url: `/api/webhook-endpoints/${endpointId}/deliveries`, headers: owner.headers })).json();
    assert.deepEqual(
      log.deliveries.map((d: { status: string; attempts: number; lastStatusCode: number }) => [d.status, d.attempts, d.lastStatusCode]),
      [
        ['delivered', 1, 200],
        ['delivered', 1, 200],
      ],
    );
  });

  test('a failing receiver is retried by the queue, then given up after the last attempt', async () => {
    queued.length = 0;
    const faxId = await insertFax('CF-HOOK-0002');
    await db.db
      .transaction()
      .execute((trx) =>
        queueStatusWebhooks(trx, { clock, queue }, { clinicId: clinic.clinicId, faxId, status: 'queued', occurredAt: clock.now() }),
      );
    const job = queued.find((j) => j.name === 'deliver-webhook')!.payload as { deliveryId: string };
    answerStatus = 500;
    await assert.rejects(handleDeliverWebhook(jobDeps(), job), /HTTP 500/);
    let row = await db.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', job.deliveryId).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.attempts, row.last_status_code], ['pending', 1, 500]);
    for (let i = 2; i < MAX_WEBHOOK_ATTEMPTS; i++) await assert.rejects(handleDeliverWebhook(jobDeps(), job));
    await handleDeliverWebhook(jobDeps(), job); // the last attempt records the failure and stops
    row = await db.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', job.deliveryId).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.attempts], ['failed', MAX_WEBHOOK_ATTEMPTS]);
    answerStatus = 200;
    const before = received.length;
    await handleDeliverWebhook(jobDeps(), job);
    assert.equal(received.length, before, 'a failed delivery is not sent again');
  });

  test('a removed endpoint receives nothing more', async () => {
    queued.length = 0;
    const endpointId = [...endpointSecrets.keys()][0]!;
    const del = await app.inject({ method: 'DELETE', url: `/api/webhook-endpoints/${endpointId}`, headers: owner.headers });
    assert.equal(del.statusCode, 204);
    const faxId = await insertFax('CF-HOOK-0003');
    await db.db
      .transaction()
      .execute((trx) =>
        queueStatusWebhooks(trx, { clock, queue }, { clinicId: clinic.clinicId, faxId, status: 'queued', occurredAt: clock.now() }),
      );
    assert.equal(queued.length, 0);
    assert.equal((await app.inject({ url: '/api/webhook-endpoints', headers: owner.headers })).json().endpoints.length, 0);
  });
});
