/**
 * Who sees what, in a real browser: a wrong password, a limited practitioner who only sees the
 * patients they treat, and a session that ends while someone is working.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { demoEmail, signIn, startBrowserHarness } from '../support/browser';
import { findLimitedPractitionerPatients, findPatientWithPlan } from './demo-records';

// At the top level: the harness's after() cleanup must belong to the file, not to a hook.
const harness = await startBrowserHarness();
const limited = await findLimitedPractitionerPatients(harness.database);

test('a wrong password shows a clear message and keeps the form', async () => {
  const page = await harness.newPage();
  await page.goto('/sign-in');
  await signIn(page, demoEmail('frontdesk'), 'not-the-password');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /email or password is not right/i);
  assert.equal(await page.getByRole('heading', { name: 'Sign in', level: 1 }).count(), 1);
  assert.equal(await page.getByLabel('Email').inputValue(), demoEmail('frontdesk'), 'the email stays filled in');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});

test('a limited practitioner sees only the patients they treat', async () => {
  const page = await harness.newPage();
  await page.goto('/');
  await signIn(page, demoEmail('limited'));
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  await page.getByText(limited.treated.length === 1 ? '1 patient' : `${limited.treated.length} patients`, { exact: true }).waitFor();
  const names = await page.getByRole('table').getByRole('rowheader').allTextContents();
  assert.deepEqual(names, limited.treated.map((p) => `${p.lastName}, ${p.firstName}`).slice(0, 25));

  const stranger = limited.notTreated;
  await page.getByRole('searchbox', { name: 'Search patients' }).fill(`${stranger.firstName} ${stranger.lastName}`);
  await page.getByText(`No patients match “${stranger.firstName} ${stranger.lastName}”.`).waitFor();
  assert.equal(await page.getByRole('table').count(), 0);

  const own = limited.treated[0]!;
  await page.getByRole('searchbox', { name: 'Search patients' }).fill(own.lastName);
  await page.getByRole('link', { name: `${own.lastName}, ${own.firstName}` }).waitFor();
});

test('a limited practitioner opening another patient’s address sees "not found"', async () => {
  const page = await harness.newPage();
  const stranger = limited.notTreated;
  await page.goto(`/patients/${stranger.id}`);
  await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.has('next'));
  await signIn(page, demoEmail('limited'));
  await page.waitForURL(`**/patients/${stranger.id}`);
  await page.getByRole('heading', { name: 'Patient not found', level: 1 }).waitFor();
  assert.equal(await page.getByText(stranger.lastName).count(), 0, 'nothing about the patient is shown');

  // The same address works for a practitioner who may see every patient.
  const other = await harness.newPage();
  await other.goto(`/patients/${stranger.id}`);
  await signIn(other, demoEmail('practitioner'));
  await other.getByRole('heading', { name: `${stranger.lastName}, ${stranger.firstName}`, level: 1 }).waitFor();
});

test('when the session ends mid-use, signing in again returns to the same screen', async () => {
  const patient = await findPatientWithPlan(harness.database);
  const page = await harness.newPage();
  const chart = `/patients/${patient.id}?from=2025-01-01&to=2025-12-31`;
  await page.goto(chart);
  await signIn(page, demoEmail('frontdesk'));
  await page.waitForURL((url) => url.pathname + url.search === chart);
  await page.getByRole('heading', { name: `${patient.lastName}, ${patient.firstName}`, level: 1 }).waitFor();

  // The session ends on the server (expiry, sign-out elsewhere); the page still looks signed in.
  await sql`DELETE FROM sessions`.execute(harness.database.db);
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Treatment plans' }).click();

  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByText('Your session has ended').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), `/patients/${patient.id}/plans`);

  await signIn(page, demoEmail('frontdesk'));
  await page.waitForURL(`**/patients/${patient.id}/plans`);
  await page.getByRole('link', { name: patient.planTitle }).waitFor();
});

test('signing out ends the session: the back button does not bring the chart back', async () => {
  const patient = await findPatientWithPlan(harness.database);
  const page = await harness.newPage();
  await page.goto(`/patients/${patient.id}`);
  await signIn(page, demoEmail('owner'));
  await page.getByRole('heading', { name: `${patient.lastName}, ${patient.firstName}`, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  await page.goBack();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/api/me')).status);
  assert.equal(me, 401);
});
