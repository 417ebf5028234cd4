import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../support/database';
import { createClinicFixture, type ClinicFixture } from '../support/fixtures';
import { createTestApp, signInAs } from '../support/http';

let app: FastifyInstance;
let clinic: ClinicFixture;
let other: ClinicFixture;

interface DirectoryEntry {
  id: string;
  name: string;
  role: string;
  practitionerTitle: string | null;
}

before(async () => {
  const db = await createTestDatabase();
  clinic = await createClinicFixture(db.db, 'directory');
  other = await createClinicFixture(db.db, 'elsewhere');
  // A last name that sorts first, to show the order is by last name rather than by insertion.
  await db.db
    .insertInto('staff')
    .values({
      clinic_id: clinic.clinicId,
      email: 'aaron@directory.test',
      first_name: 'Zoe',
      last_name: 'Aaronson',
      role: 'practitioner',
      password_hash: null,
      practitioner_title: 'Physiotherapist',
    })
    .execute();
  app = await createTestApp(db);
});

async function directoryAs(email: string): Promise<DirectoryEntry[]> {
  const signedIn = await signInAs(app, email);
  const res = await app.inject({ url: '/api/staff', headers: signedIn.headers });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { staff: DirectoryEntry[] }).staff;
}

test('lists the own clinic’s staff by last name, without no-access staff or e-mail addresses', async () => {
  const staff = await directoryAs(clinic.staff['front-desk'].email);
  assert.equal(staff[0]!.name, 'Zoe Aaronson');
  assert.equal(staff[0]!.practitionerTitle, 'Physiotherapist');
  assert.deepEqual(
    staff.slice(1).map((s) => s.role),
    ['admin', 'front-desk', 'owner', 'practitioner', 'practitioner-limited'],
    'the fixture staff share a last name and follow by first name; no-access is left out',
  );
  assert.ok(!staff.some((s) => s.id === clinic.staff['no-access'].id));
  for (const s of staff) assert.deepEqual(Object.keys(s).sort(), ['id', 'name', 'practitionerTitle', 'role']);
  assert.ok(!JSON.stringify(staff).includes('@'), 'no e-mail address is given out');
});

test('another clinic’s staff never appear', async () => {
  const staff = await directoryAs(clinic.staff.owner.email);
  const otherIds = new Set(Object.values(other.staff).map((s) => s.id));
  assert.ok(staff.length > 0);
  assert.ok(!staff.some((s) => otherIds.has(s.id) || s.name.endsWith('elsewhere')));

  const theirs = await directoryAs(other.staff.owner.email);
  assert.ok(
    theirs.every((s) => otherIds.has(s.id)),
    'the other clinic sees only its own staff',
  );
  assert.equal(theirs.length, 5);
});

test('a limited practitioner may read the names too', async () => {
  const staff = await directoryAs(clinic.staff['practitioner-limited'].email);
  assert.equal(staff.length, 6);
});

test('without a session the directory is refused with 401', async () => {
  const res = await app.inject({ url: '/api/staff' });
  assert.equal(res.statusCode, 401);
  assert.equal(JSON.stringify(res.json()).includes('Aaronson'), false);
});
