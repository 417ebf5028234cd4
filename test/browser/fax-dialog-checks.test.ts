/**
 * The fax dialog's other ways in and its checks, in a real browser through the real test line: a date
 * range, a treatment plan, a busy line, bad numbers, a name with markup, who may fax, a session that
 * ends mid-dialog, and axe-core on the dialog, the history and a fax.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { demoEmail, signIn, startBrowserHarness } from '../support/browser';
import { clinicTimeZone, findEntries, findLimitedPractitionerPatients, findPatientWithPlan } from './demo-records';

// At the top level: the harness's after() cleanup must belong to the file, not to a hook.
const harness = await startBrowserHarness();
const patient = await findPatientWithPlan(harness.database);
const timeZone = await clinicTimeZone(harness.database);
const entries = await findEntries(harness.database, patient.id, timeZone);
const AXE_PATH = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

async function signedInAt(where: string, who: Parameters<typeof demoEmail>[0] = 'frontdesk'): Promise<Page> {
  const page = await harness.newPage();
  await page.goto(where);
  await signIn(page, demoEmail(who));
  await page.waitForURL((url) => url.pathname + url.search === where);
  return page;
}

const dialog = (page: Page) => page.getByRole('dialog');

async function openFirstEntryDialog(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^Actions for / })
    .first()
    .click();
  await page.getByRole('menuitem', { name: 'Fax' }).click();
  await dialog(page).waitFor();
}

/** Send, confirming the number when the dialog asks, and wait for the "Sent" notice. */
async function sendAndConfirm(page: Page): Promise<void> {
  await dialog(page)
    .getByText(/\d+ pages? including the cover page/)
    .waitFor({ timeout: 60_000 });
  await dialog(page).getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = dialog(page).getByRole('button', { name: 'Confirm and send' });
  const sent = page.getByRole('status').filter({ hasText: 'Sent' });
  await Promise.race([confirm.waitFor(), sent.waitFor()]);
  if (await confirm.isVisible()) await confirm.click();
  await sent.waitFor();
}

async function expectNoSeriousAxeViolations(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ path: AXE_PATH });
  // A string so the test's TypeScript needs no DOM types; axe.run() checks the whole page.
  const violations = await page.evaluate<string[]>(`axe.run().then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + JSON.stringify(v.nodes.map((n) => n.target))))`);
  assert.deepEqual(violations, [], `no serious or critical accessibility problem on ${what}`);
}

test('faxing every entry in a date range, with the number formatted as typed', async () => {
  const days = [...new Set(entries.map((e) => e.localDate))].sort();
  const from = days[1]!;
  const to = days[3]!;
  const inRange = entries.filter((e) => e.localDate >= from && e.localDate <= to);
  const page = await signedInAt(`/patients/${patient.id}?from=${from}&to=${to}`);
  await page.getByRole('button', { name: 'More actions for this date range' }).click();
  await page.getByRole('menuitem', { name: 'Fax entries in this range' }).click();
  await dialog(page).waitFor();
  await dialog(page)
    .getByText(new RegExp(`^${inRange.length} chart entr(y|ies), `))
    .waitFor();

  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('Dr Range Reader');
  await dialog(page).getByLabel('Fax number').pressSequentially('6045550133');
  assert.equal(await dialog(page).getByLabel('Fax number').inputValue(), '(604) 555-0133', 'formatted as typed for a clinic in Canada');
  await sendAndConfirm(page);
  const fax = await harness.database.db
    .selectFrom('faxes')
    .select(['source', 'recipient_fax_number'])
    .where('recipient_name', '=', 'Dr Range Reader')
    .executeTakeFirstOrThrow();
  assert.deepEqual(fax.source, { type: 'chart-range', patientId: patient.id, from, to });
  assert.equal(fax.recipient_fax_number, '+16045550133');
});

test('faxing a treatment plan from its Actions menu, picking a contact by typing', async () => {
  const page = await signedInAt(`/patients/${patient.id}/plans/${patient.planId}`);
  await page.getByRole('button', { name: `Actions for treatment plan ${patient.planTitle}` }).click();
  await page.getByRole('menuitem', { name: 'Fax' }).click();
  await dialog(page).getByText(`Treatment plan: ${patient.planTitle}`, { exact: true }).waitFor();

  const contact = await harness.database.db
    .selectFrom('contacts')
    .select(['organization', 'fax_number'])
    .where('kind', '=', 'organization')
    .where('fax_number', 'like', '%55501__')
    .orderBy('organization')
    .executeTakeFirstOrThrow();
  const word = contact.organization!.split(' ')[0]!;
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).pressSequentially(word);
  await dialog(page)
    .getByRole('option', { name: new RegExp(contact.organization!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
    .first()
    .click();
  assert.equal(await dialog(page).getByRole('combobox', { name: 'Recipient name' }).inputValue(), contact.organization);
  await sendAndConfirm(page);
  const fax = await harness.database.db
    .selectFrom('faxes')
    .select(['source', 'contact_id'])
    .where('recipient_name', '=', contact.organization!)
    .executeTakeFirstOrThrow();
  assert.deepEqual(fax.source, { type: 'treatment-plan', treatmentPlanId: patient.planId });
  assert.ok(fax.contact_id, 'the fax is linked to the contact');
});

test('a busy number shows when Chartfax will try again', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('Busy Line Clinic');
  await dialog(page).getByLabel('Fax number').fill('604 555 0150');
  await sendAndConfirm(page);
  await page.getByRole('link', { name: 'Follow it in the fax history' }).click();
  await page
    .getByText(/^The line was busy\. Chartfax will try again at \d{1,2}:\d{2}( [AP]M)?\.$/)
    .first()
    .waitFor({ timeout: 60_000 });
  const badge = page.locator('.fax-detail-header .badge');
  assert.equal(await badge.textContent(), 'Waiting to retry');
  await expectNoSeriousAxeViolations(page, 'a fax waiting to retry');
});

test('a number never faxed before asks for confirmation; Back returns to the form', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('New Clinic');
  await dialog(page).getByLabel('Fax number').fill('6045550177');
  await dialog(page)
    .getByText(/including the cover page/)
    .waitFor({ timeout: 60_000 });
  await dialog(page).getByRole('button', { name: 'Send', exact: true }).click();
  await dialog(page).getByText('You have never faxed +1 604 555 0177. Check the number before sending.').waitFor();
  await dialog(page).getByRole('button', { name: 'Back' }).click();
  assert.equal(await dialog(page).getByLabel('Fax number').inputValue(), '(604) 555-0177', 'Back keeps what was typed');
  assert.equal(
    await harness.database.db
      .selectFrom('faxes')
      .select('id')
      .where('recipient_name', '=', 'New Clinic')
      .execute()
      .then((r) => r.length),
    0,
    'nothing was sent',
  );
});

test('bad numbers are explained next to the field and the typed text is kept', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  const number = dialog(page).getByLabel('Fax number');
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('Dr Short Number');
  await number.fill('604 555 01');
  await dialog(page).getByRole('button', { name: 'Send', exact: true }).click();
  const error = dialog(page).locator(`#${await number.getAttribute('id').then((id) => id!.replace(/:/g, '\\:'))}-error`);
  assert.match((await error.textContent()) ?? '', /too short: it has 8 digits/);
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.match((await number.getAttribute('aria-describedby')) ?? '', /-error/);
  assert.equal(await number.inputValue(), '(604) 555-01', 'the typed digits stay, formatted');

  // The server's own check (no such area code) shows at the same place.
  await number.fill('');
  await number.pressSequentially('9995551234');
  await error.getByText(/not a valid number/).waitFor({ timeout: 30_000 });
  assert.equal(await number.inputValue(), '(999) 555-1234');
  assert.equal(await dialog(page).getByRole('combobox', { name: 'Recipient name' }).inputValue(), 'Dr Short Number');
  await expectNoSeriousAxeViolations(page, 'the fax dialog with errors');
});

test('a recipient name with markup, quotes and right-to-left text shows as text', async () => {
  const name = `<script>alert(1)</script> "O'Brien" עברית`;
  const page = await signedInAt(`/patients/${patient.id}`);
  let alerted = false;
  page.on('dialog', (d) => {
    alerted = true;
    void d.dismiss();
  });
  await openFirstEntryDialog(page);
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill(name);
  await dialog(page).getByLabel('Fax number').fill('604 555 0141');
  await expectNoSeriousAxeViolations(page, 'the fax dialog');
  await sendAndConfirm(page);
  assert.match(
    (await page.getByRole('status').filter({ hasText: 'Sent' }).textContent()) ?? '',
    new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  await page.getByRole('link', { name: 'Follow it in the fax history' }).click();
  await page.getByRole('heading', { name: `Fax to ${name}`, level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Fax history' }).first().click();
  await page.getByRole('table', { name: 'Faxes, newest first' }).getByText(name, { exact: true }).waitFor();
  await expectNoSeriousAxeViolations(page, 'the fax history');
  assert.equal(alerted, false, 'no script ran');
});

test('a limited practitioner sees no Fax action and no fax history', async () => {
  const { treated } = await findLimitedPractitionerPatients(harness.database);
  const page = await signedInAt(`/patients/${treated[0]!.id}`, 'limited');
  await page.getByRole('heading', { name: `${treated[0]!.lastName}, ${treated[0]!.firstName}`, level: 1 }).waitFor();
  await page
    .getByRole('list', { name: 'Chart entries' })
    .or(page.getByText(/No chart entries/))
    .first()
    .waitFor();
  assert.equal(await page.getByRole('button', { name: /^Actions/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^More actions/ }).count(), 0);
  assert.equal(await page.getByRole('menuitem', { name: /Fax/ }).count(), 0);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fax history' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Fax log' }).count(), 0);
});

test('when the session ends mid-dialog, signing in again brings the dialog back as it was', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  const source = await dialog(page).locator('.fax-what-value').textContent();
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('Dr Session Ender');
  await dialog(page).getByLabel('Fax number').fill('(604) 555-0144');
  await dialog(page).getByLabel('Notes').fill('Line one\nLine two');
  await dialog(page).getByLabel('Subject').fill('After expiry');
  // Let the live preview settle, then end the session: the next request (Send) meets a 401.
  await dialog(page)
    .getByText(/\d+ pages? including the cover page/)
    .waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');

  await sql`DELETE FROM sessions`.execute(harness.database.db);
  // The next request meets the 401: Send, unless the header's notification check got there first.
  await dialog(page)
    .getByRole('button', { name: 'Send', exact: true })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByText('Your session has ended').waitFor();
  await signIn(page, demoEmail('frontdesk'));

  await dialog(page).waitFor();
  assert.equal(await dialog(page).locator('.fax-what-value').textContent(), source);
  assert.equal(await dialog(page).getByRole('combobox', { name: 'Recipient name' }).inputValue(), 'Dr Session Ender');
  assert.equal(await dialog(page).getByLabel('Fax number').inputValue(), '(604) 555-0144');
  assert.equal(await dialog(page).getByLabel('Subject').inputValue(), 'After expiry');
  assert.equal(await dialog(page).getByLabel('Notes').inputValue(), 'Line one\nLine two');
  await sendAndConfirm(page);
  assert.equal(
    await harness.database.db
      .selectFrom('faxes')
      .select('id')
      .where('recipient_name', '=', 'Dr Session Ender')
      .execute()
      .then((r) => r.length),
    1,
  );

  // Escape closes a dialog, and a closed dialog does not come back.
  await openFirstEntryDialog(page);
  await page.keyboard.press('Escape');
  assert.equal(await dialog(page).count(), 0);
  await page.reload();
  await page.getByRole('list', { name: 'Chart entries' }).waitFor();
  assert.equal(await dialog(page).count(), 0);
});

test('a delivered fax’s page passes axe and offers Resend with validation', async () => {
  const page = await signedInAt('/faxes?status=delivered');
  const first = page.getByRole('table', { name: 'Faxes, newest first' }).getByRole('row').nth(1);
  await first.waitFor({ timeout: 90_000 });
  await first.getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Transmission report' }).waitFor();
  await expectNoSeriousAxeViolations(page, 'a delivered fax');
  await page.getByRole('button', { name: 'Resend' }).click();
  const number = page.getByRole('form', { name: 'Resend this fax' }).getByLabel('Fax number');
  await number.fill('604 555');
  await page.getByRole('button', { name: 'Send again' }).click();
  await page.getByText(/too short/).waitFor();
  assert.equal(await number.inputValue(), '604 555');
});
