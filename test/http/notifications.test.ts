import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { systemClock } from '../../src/core/clock';
import { createSecretBox } from '../../src/db/secret-box';
import { handleEmailNotification } from '../../src/jobs/email-notification';
import type { JobDeps } from '../../src/jobs/job-deps';
import { createSmtpMailer } from '../../src/jobs/smtp-mailer';
import { onFileEnd } from '../support/cleanup';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs, type SignedIn } from '../support/http';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

let app: FastifyInstance;
let db: TestDatabase;
let clinic: ClinicFixture;
let owner: SignedIn;
let admin: SignedIn;
let desk: SignedIn;
let smtpPort = 0;
const mailbox: ReceivedMail[] = [];

before(async () => {
  db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'notify');
  await createClinicFixture(db.db, 'othernotify');
  app = await createTestApp(db);
  owner = await signInAs(app, clinic.staff.owner.email);
  admin = await signInAs(app, clinic.staff.admin.email);
  desk = await signInAs(app, clinic.staff['front-desk'].email);

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mailbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpPort = (server.server.address() as AddressInfo).port;
  onFileEnd(() => new Promise<void>((resolve) => server.close(() => resolve())));
});

async function notify(fields: { clinicId?: string; audience: 'admins' | 'staff'; staffId?: string | null; key: string; title?: string }) {
  const row = await db.db
    .insertInto('notifications')
    .values({
      clinic_id: fields.clinicId ?? clinic.clinicId,
      audience: fields.audience,
      staff_id: fields.staffId ?? null,
      kind: 'allowance-80',
      dedupe_key: fields.key,
      title: fields.title ?? '80% of the fax allowance used for November 2026',
      body: 'The clinic has used 410 of its 500 fax pages for November 2026.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function jobDeps(mailer: JobDeps['mailer']): JobDeps {
  return {
    db: db.db,
    clock: systemClock,
    queue: { enqueue: async () => undefined },
    secrets: createSecretBox('test-secret-key-with-at-least-32-characters'),
    mailer,
    fetch: () => Promise.reject(new Error('no network in this test')),
  };
}

describe('in-app notifications', () => {
  test('owners and admins see the admins’ notices; staff see only their own', async () => {
    const adminNote = await notify({ audience: 'admins', key: 'n-admins' });
    const deskNote = await notify({ audience: 'staff', staffId: clinic.staff['front-desk'].id, key: 'n-desk' });
    await notify({
      audience: 'admins',
      key: 'n-other',
      clinicId: (await db.db.selectFrom('clinics').select('id').where('slug', '=', 'othernotify').executeTakeFirstOrThrow()).id,
    });

    const ownerList = (await app.inject({ url: '/api/notifications', headers: owner.headers })).json();
    assert.deepEqual(
      ownerList.notifications.map((n: { id: string }) => n.id),
      [adminNote],
      'no other clinic’s notices, no one else’s personal ones',
    );
    assert.equal(ownerList.unread, 1);
    const deskList = (await app.inject({ url: '/api/notifications', headers: desk.headers })).json();
    assert.deepEqual(
      deskList.notifications.map((n: { id: string }) => n.id),
      [deskNote],
    );

    assert.equal(
      (await app.inject({ method: 'POST', url: `/api/notifications/${adminNote}/read`, headers: desk.headers })).statusCode,
      404,
      'front desk cannot touch admin notices',
    );
    const read = await app.inject({ method: 'POST', url: `/api/notifications/${adminNote}/read`, headers: admin.headers });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().read, true);
    const unread = (await app.inject({ url: '/api/notifications?unread=true', headers: owner.headers })).json();
    assert.equal(unread.notifications.length, 0, 'read by one admin, read for the admins');
  });
});

describe('notification e-mail', () => {
  test('without SMTP nothing is sent and the notice stays in-app', async () => {
    const id = await notify({ audience: 'admins', key: 'n-no-smtp' });
    await handleEmailNotification(jobDeps(null), { notificationId: id });
    const row = await db.db.selectFrom('notifications').select('emailed_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.emailed_at, null);
  });

  test('owners and admins get one e-mail, without patient data, and a second run sends nothing', async () => {
    const id = await notify({ audience: 'admins', key: 'n-smtp' });
    const deps = jobDeps(createSmtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'Chartfax <chartfax@clinic.test>'));
    const before = mailbox.length;
    await handleEmailNotification(deps, { notificationId: id });
    assert.equal(mailbox.length, before + 1);
    const mail = mailbox.at(-1)!;
    assert.deepEqual(mail.to.sort(), [clinic.staff.admin.email, clinic.staff.owner.email].sort());
    assert.equal(mail.from, 'chartfax@clinic.test');
    assert.match(mail.raw, /Subject: Chartfax: 80% of the fax allowance used for November 2026/);
    assert.match(mail.raw, /410 of its 500 fax pages/);
    for (const p of clinic.patients) assert.ok(!mail.raw.includes(p.lastName), 'no patient names');
    const row = await db.db.selectFrom('notifications').select('emailed_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.emailed_at);

    await handleEmailNotification(deps, { notificationId: id });
    assert.equal(mailbox.length, before + 1, 'already e-mailed: not sent again');
  });

  test('API keys have no notifications', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: owner.headers, payload: { name: 'EHR' } });
    const key = created.json().key as string;
    const res = await app.inject({ url: '/api/notifications', headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.statusCode, 403);
  });
});
