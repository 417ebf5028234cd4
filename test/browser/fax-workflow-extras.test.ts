/**
 * Smaller fax workflows in a real browser through the real test line: adding an address-book entry
 * from inside the fax dialog and faxing it at once, cancelling a fax that waits to retry a busy line,
 * and filtering the fax history by who sent the faxes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoEmail, signIn, startBrowserHarness } from '../support/browser';
import { findPatientWithPlan } from './demo-records';
import { anyChartEntryId, faxChartEntry, signInApi } from './settings-helpers';

// At the top level: the harness's after() cleanup must belong to the file, not to a hook.
const harness = await startBrowserHarness();
const patient = await findPatientWithPlan(harness.database);

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

test('"Add new entry" in the fax dialog creates an organization, faxes it, and keeps it in the address book', async () => {
  const organization = 'Tidewater Imaging Centre';
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  const name = dialog(page).getByRole('combobox', { name: 'Recipient name' });
  await name.fill('Tidewater');
  await dialog(page).getByRole('option', { name: '+ Add new entry' }).click();

  const form = dialog(page).getByRole('region', { name: 'New address book entry' });
  await form.getByRole('radio', { name: 'Organization' }).check();
  await form.getByLabel('Organization name').fill(organization);
  await form.getByLabel('Fax number').pressSequentially('6045550138');
  await form.getByRole('button', { name: 'Create contact' }).click();

  await form.waitFor({ state: 'detached' });
  assert.equal(await name.inputValue(), organization, 'the new contact becomes the recipient');
  const number = dialog(page).getByLabel('Fax number');
  assert.equal((await number.inputValue()).replace(/\D/g, '').slice(-10), '6045550138', 'its number fills in');

  await sendAndConfirm(page);

  // The address book has it, through the same API the address book screen reads.
  const found = await page.evaluate<{ contacts: { id: string; kind: string; displayName: string; faxNumber: string | null }[] }>(
    `fetch('/api/contacts?query=Tidewater').then((r) => r.json())`,
  );
  const contact = found.contacts.find((c) => c.displayName === organization);
  assert.ok(contact, 'the contact exists in the address book');
  assert.equal(contact.kind, 'organization');
  assert.equal(contact.faxNumber, '+16045550138');

  const fax = await harness.database.db
    .selectFrom('faxes')
    .select(['contact_id', 'recipient_fax_number'])
    .where('recipient_name', '=', organization)
    .executeTakeFirstOrThrow();
  assert.equal(fax.contact_id, contact.id, 'the fax is linked to the new contact');
  assert.equal(fax.recipient_fax_number, '+16045550138');
});

test('a fax waiting to retry a busy line is cancelled from its page', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  await openFirstEntryDialog(page);
  await dialog(page).getByRole('combobox', { name: 'Recipient name' }).fill('Busy Cancel Clinic');
  await dialog(page).getByLabel('Fax number').fill('604 555 0150');
  await sendAndConfirm(page);
  await page.getByRole('link', { name: 'Follow it in the fax history' }).click();

  const badge = page.locator('.fax-detail-header .badge');
  await badge.getByText('Waiting to retry', { exact: true }).waitFor({ timeout: 60_000 });
  const cancel = page.getByRole('button', { name: 'Cancel fax' });
  await cancel.click();

  await badge.getByText('Cancelled', { exact: true }).waitFor();
  await cancel.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: /Cancel fax/ }).count(), 0, 'Cancel is no longer offered');

  // Still cancelled after reading the fax afresh, and in the database.
  await page.reload();
  await badge.getByText('Cancelled', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /Cancel fax/ }).count(), 0);
  const fax = await harness.database.db
    .selectFrom('faxes')
    .select('status')
    .where('recipient_name', '=', 'Busy Cancel Clinic')
    .executeTakeFirstOrThrow();
  assert.equal(fax.status, 'cancelled');
});

test('the Sent by filter lists the staff and shows only the chosen member’s faxes', async () => {
  const entryId = await anyChartEntryId(harness.database);
  const practitioner = await signInApi(harness.baseUrl, demoEmail('practitioner'));
  const frontDesk = await signInApi(harness.baseUrl, demoEmail('frontdesk'));
  const theirs = await faxChartEntry(practitioner, entryId, '+16045550131', 'Practitioner Sent Reader');
  const mine = await faxChartEntry(frontDesk, entryId, '+16045550132', 'Front Desk Sent Reader');

  const staff = await harness.database.db
    .selectFrom('staff')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('role', '!=', 'no-access')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const me = staff.find((s) => s.email === demoEmail('frontdesk'))!;
  const them = staff.find((s) => s.email === demoEmail('practitioner'))!;
  const themName = `${them.first_name} ${them.last_name}`;

  const page = await signedInAt('/faxes');
  const history = page.getByRole('table', { name: 'Faxes, newest first' });
  await history.locator(`tr[data-fax-id="${mine}"]`).waitFor();
  const sentBy = page.getByRole('combobox', { name: 'Sent by' });
  await sentBy.getByRole('option', { name: themName }).waitFor({ state: 'attached' });
  assert.deepEqual(
    (await sentBy.getByRole('option').allTextContents()).map((t) => t.trim()),
    ['Anyone', ...staff.map((s) => `${s.first_name} ${s.last_name}${s.id === me.id ? ' (me)' : ''}`)],
    'every staff member who can sign in, by last name',
  );

  await sentBy.selectOption({ label: themName });
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((url) => url.searchParams.get('staffId') === them.id);
  await history.locator(`tr[data-fax-id="${mine}"]`).waitFor({ state: 'detached' });
  await history.locator(`tr[data-fax-id="${theirs}"]`).waitFor();
  const shown = await Promise.all((await history.locator('tbody tr').all()).map((row) => row.getAttribute('data-fax-id')));
  const senders = await harness.database.db
    .selectFrom('faxes')
    .select(['id', 'sender_staff_id'])
    .where('id', 'in', shown.map(String))
    .execute();
  assert.equal(senders.length, shown.length);
  assert.ok(
    senders.every((f) => f.sender_staff_id === them.id),
    'only faxes the chosen staff member sent',
  );

  // The choice lives in the address: reloading keeps the filter and the chosen name.
  await page.reload();
  await history.locator(`tr[data-fax-id="${theirs}"]`).waitFor();
  await sentBy.getByRole('option', { name: themName }).waitFor({ state: 'attached' });
  assert.equal(await sentBy.inputValue(), them.id);
  assert.equal(await history.locator(`tr[data-fax-id="${mine}"]`).count(), 0);
});
