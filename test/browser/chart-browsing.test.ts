/**
 * Front desk, in a real browser: sign in, find a patient, read their chart by date range, open an
 * entry and a treatment plan, sign out. Saves screenshots of the main screens to docs/screenshots.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { clinicTimeZone, findEntries, findPatientWithPlan, spellDate, type DemoEntry } from './demo-records';

// Started at the top level (not in before()): the harness registers its cleanup with after(), which
// must belong to this file's root, not to a hook.
const harness: BrowserHarness = await startBrowserHarness();
const patient = await findPatientWithPlan(harness.database);
const timeZone = await clinicTimeZone(harness.database);
const entries: DemoEntry[] = await findEntries(harness.database, patient.id, timeZone);
const page: Page = await harness.newPage();

const entryList = () => page.getByRole('list', { name: 'Chart entries' });
const listedEntryIds = () =>
  entryList()
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-entry-id')));

test('signing in from the start page shows the sign-in form, then the patient search', async () => {
  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/');
  await assert.doesNotReject(page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor());
  await saveScreenshot(page, 'sign-in');

  await signIn(page, demoEmail('frontdesk'));
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  const banner = page.getByRole('banner');
  assert.match((await banner.textContent()) ?? '', /Front desk/);
  assert.equal(await banner.getByRole('button', { name: 'Sign out' }).count(), 1);
});

test('searching by name finds the patient with date of birth and chart number', async () => {
  const search = page.getByRole('searchbox', { name: 'Search patients' });
  await search.fill(patient.lastName);
  await page.waitForURL((url) => url.searchParams.get('q') === patient.lastName);
  await page.getByRole('table', { name: `Patients matching “${patient.lastName}”` }).waitFor();
  const rowNames = await page.getByRole('table').getByRole('rowheader').allTextContents();
  assert.ok(rowNames.includes(`${patient.lastName}, ${patient.firstName}`), 'the patient is among those with that last name');
  await saveScreenshot(page, 'patient-search');

  await search.fill(`${patient.firstName} ${patient.lastName}`);
  // The search runs once typing pauses, and the query goes into the address.
  await page.waitForURL((url) => url.searchParams.get('q') === `${patient.firstName} ${patient.lastName}`);
  await page.getByText('1 patient', { exact: true }).waitFor();
  const rows = page.getByRole('table').getByRole('row');
  assert.equal(await rows.count(), 2, 'a header row and the one patient of that name');
  const link = page.getByRole('link', { name: `${patient.lastName}, ${patient.firstName}` });
  const row = page.getByRole('row').filter({ has: link });
  const cells = await row.getByRole('cell').allTextContents();
  assert.deepEqual(cells, [spellDate(patient.dateOfBirth), patient.chartNumber]);
  await link.click();
  await page.getByRole('heading', { name: `${patient.lastName}, ${patient.firstName}`, level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/patients/${patient.id}`);
});

test('the chart lists entries newest first, with unsigned ones marked', async () => {
  await entryList().waitFor();
  const ids = await listedEntryIds();
  assert.deepEqual(
    ids,
    entries.slice(0, 50).map((e) => e.id),
  );
  const unsigned = entries.slice(0, 50).filter((e) => !e.signed).length;
  assert.equal(await entryList().getByText('Unsigned', { exact: true }).count(), unsigned);
});

test('a date range lists only the entries on those days (clinic time), newest first', async () => {
  const days = [...new Set(entries.map((e) => e.localDate))].sort();
  assert.ok(days.length >= 8, 'the chosen patient has entries on at least eight days');
  const from = days[2]!;
  const to = days[5]!;
  const expected = entries.filter((e) => e.localDate >= from && e.localDate <= to);
  assert.ok(expected.length < entries.length, 'some entries fall outside the range');

  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((url) => url.pathname === `/patients/${patient.id}` && url.search === `?from=${from}&to=${to}`);
  await page
    .getByText(`${expected.length} ${expected.length === 1 ? 'entry' : 'entries'} from ${spellDate(from)} to ${spellDate(to)}`)
    .waitFor();

  assert.deepEqual(
    await listedEntryIds(),
    expected.map((e) => e.id),
  );
  const shownDays = await entryList()
    .locator('time')
    .evaluateAll((times) => times.map((t) => t.textContent ?? ''));
  for (const [i, text] of shownDays.entries()) {
    assert.ok(text.startsWith(spellDate(expected[i]!.localDate)), `entry ${i} shows its clinic-time day (${text})`);
  }
});

test('an entry expands to show its sections', async () => {
  const [firstId] = await listedEntryIds();
  const entry = entries.find((e) => e.id === firstId)!;
  const item = entryList().locator(`[data-entry-id="${entry.id}"]`);
  // The row's heading button opens it; the row also has an Actions menu button.
  const toggle = item.getByRole('heading').getByRole('button');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.match((await toggle.textContent()) ?? '', new RegExp(entry.templateName));
  assert.equal(await item.getByText(entry.sections[0]!.text).count(), 0, 'sections are hidden until expanded');

  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  for (const section of entry.sections) {
    await item.getByRole('heading', { name: section.title }).waitFor();
    assert.equal(await item.getByText(section.text, { exact: true }).count(), 1);
  }
  await saveScreenshot(page, 'chart', { fullPage: true });

  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
});

test('a range without entries says so, and Clear shows the whole chart again', async () => {
  await page.getByLabel('From', { exact: true }).fill('2019-03-03');
  await page.getByLabel('To', { exact: true }).fill('2019-03-09');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('No chart entries between 3 Mar and 9 Mar 2019').waitFor();
  assert.equal(await entryList().count(), 0);

  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForURL((url) => url.pathname === `/patients/${patient.id}` && url.search === '');
  await entryList().waitFor();
  assert.equal(await entryList().getByRole('listitem').count(), Math.min(entries.length, 50));
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '');
});

test('a treatment plan opens with its summary and its entries', async () => {
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Treatment plans' }).click();
  await page.getByRole('heading', { name: 'Treatment plans', level: 2 }).waitFor();
  await page.getByRole('link', { name: patient.planTitle }).click();
  await page.waitForURL(`**/patients/${patient.id}/plans/${patient.planId}`);
  await page.getByRole('heading', { name: patient.planTitle, level: 2 }).waitFor();

  const plan = await harness.database.db
    .selectFrom('treatment_plans')
    .innerJoin('staff', 'staff.id', 'treatment_plans.practitioner_id')
    .select(['treatment_plans.condition', 'staff.first_name', 'staff.last_name'])
    .where('treatment_plans.id', '=', patient.planId)
    .executeTakeFirstOrThrow();
  const summary = (await page.locator('.plan-summary').textContent()) ?? '';
  assert.ok(summary.includes(plan.condition), 'the condition is shown');
  assert.ok(summary.includes(`${plan.first_name} ${plan.last_name}`), 'the practitioner is shown');
  for (const label of ['Condition', 'Goals', 'Start date', 'End date', 'Status', 'Practitioner']) {
    assert.equal(await page.locator('.plan-summary dt', { hasText: label }).count(), 1, `${label} is shown`);
  }

  const planEntries = page.getByRole('list', { name: 'Entries in this plan' }).getByRole('listitem');
  assert.equal(await planEntries.count(), patient.planEntryCount);
  const times = await planEntries.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  assert.deepEqual(times, [...times].sort().reverse(), 'plan entries are newest first');
  await saveScreenshot(page, 'treatment-plan', { fullPage: true });
});

test('signing out returns to the sign-in form and ends the session', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByText('You have signed out.').waitFor();
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  assert.equal(await page.getByRole('heading', { name: `${patient.lastName}, ${patient.firstName}` }).count(), 0);
});
