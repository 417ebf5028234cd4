/**
 * Faxing from the chart in a real browser, through the real test line: front desk faxes a chart entry
 * with the keyboard alone, follows it to Delivered in the history and reads what the receiving
 * machine printed; a date range and a treatment plan; a busy line; first-time numbers; bad input;
 * names with markup; who may fax; a session that ends mid-dialog. Saves screenshots of the screens.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness } from '../support/browser';
import { clinicTimeZone, findEntries, findPatientWithPlan, spellDate, type DemoEntry } from './demo-records';

// At the top level: the harness's after() cleanup must belong to the file, not to a hook.
const harness = await startBrowserHarness();
const patient = await findPatientWithPlan(harness.database);
const timeZone = await clinicTimeZone(harness.database);
const entries: DemoEntry[] = await findEntries(harness.database, patient.id, timeZone);

/** The shortest of the first page of entries: one page of text, so entry + cover make two pages. */
const shortEntry = entries
  .slice(0, 50)
  .filter((e) => e.signed)
  .sort((a, b) => JSON.stringify(a.sections).length - JSON.stringify(b.sections).length)[0]!;

/** A contact whose number the test line delivers to (555-0100…0149). */
async function deliveringContacts(): Promise<{ name: string; faxNumber: string }[]> {
  const rows = await harness.database.db
    .selectFrom('contacts')
    .select(['first_name', 'last_name', 'organization', 'kind', 'fax_number'])
    .where('archived_at', 'is', null)
    .where('fax_number', 'is not', null)
    .execute();
  return rows
    .filter((r) => /55501[0-4]\d$/.test(r.fax_number ?? ''))
    .map((r) => ({
      name: r.kind === 'person' ? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() : (r.organization ?? ''),
      faxNumber: r.fax_number!,
    }));
}

async function signedInAt(path: string, who: Parameters<typeof demoEmail>[0] = 'frontdesk'): Promise<Page> {
  const page = await harness.newPage();
  await page.goto(path);
  await signIn(page, demoEmail(who));
  await page.waitForURL((url) => url.pathname + url.search === path);
  return page;
}

const dialog = (page: Page) => page.getByRole('dialog');
const entryRow = (page: Page, entryId: string) => page.locator(`li[data-entry-id="${entryId}"]`);

/** True when the element has the keyboard focus (evaluated in the page, which has a DOM). */
const isFocused = async (locator: ReturnType<Page['locator']>): Promise<boolean> =>
  (await locator.and(locator.page().locator(':focus')).count()) === 1;

test('front desk faxes a chart entry with the keyboard alone, then follows it to Delivered', async () => {
  const page = await signedInAt(`/patients/${patient.id}`);
  const row = entryRow(page, shortEntry.id);
  await row.waitFor();

  // Keyboard only from here: the entry's menu, the dialog, the suggestions, the confirmation.
  await row.getByRole('button', { name: /^Actions for / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Fax' }).waitFor();
  assert.equal(await page.evaluate<string | undefined>('document.activeElement?.textContent'), 'Fax', 'the menu opens on its first item');
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  await dialog(page)
    .getByText(`${shortEntry.templateName}, ${spellDate(shortEntry.localDate)}`, { exact: true })
    .waitFor();

  const name = dialog(page).getByRole('combobox', { name: 'Recipient name' });
  assert.equal(await isFocused(name), true, 'the dialog starts on the recipient');
  await page.keyboard.press('Space');
  const listbox = dialog(page).getByRole('listbox', { name: 'Suggested recipients' });
  await listbox.getByRole('option').first().waitFor();
  assert.equal(await name.getAttribute('aria-expanded'), 'true');
  assert.equal(await name.inputValue(), '', 'Space lists contacts without typing a space');

  // Arrow down to the first contact with a number the test line delivers to (the list may still be
  // filling in when its first option appears, so read it until one shows up).
  const delivering = await deliveringContacts();
  let options: string[] = [];
  let index = -1;
  for (let tries = 0; tries < 50 && index < 0; tries++) {
    if (tries > 0) await page.waitForTimeout(200);
    options = await listbox.getByRole('option').allTextContents();
    index = options.findIndex((text) => delivering.some((c) => text.startsWith(c.name)));
  }
  assert.ok(index >= 0, `a delivering contact is listed (options: ${options.join(' | ')})`);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  const activeId = await name.getAttribute('aria-activedescendant');
  assert.ok(activeId, 'the combobox points at the active option');
  assert.equal(await page.locator(`[id="${activeId}"]`).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  const chosen = delivering.find((c) => options[index]!.startsWith(c.name))!;
  const chosenName = await name.inputValue();
  assert.ok(chosenName.startsWith(chosen.name), 'choosing the contact fills its name');
  assert.equal(await name.getAttribute('aria-expanded'), 'false');
  const digits = chosen.faxNumber.slice(2);
  assert.equal(
    (await dialog(page).getByLabel('Fax number').inputValue()).replace(/\D/g, '').slice(-10),
    digits,
    'choosing the contact fills the fax number',
  );

  // Tab through number and cover switch to the cover fields.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await isFocused(dialog(page).getByRole('switch', { name: 'Cover page' })), true);
  assert.equal(await dialog(page).getByRole('switch', { name: 'Cover page' }).isChecked(), true, 'a cover page is on by default');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Referral follow-up');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Please call the clinic with questions.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Replies to the front desk fax.');
  assert.equal(
    await dialog(page).getByLabel('Notes').inputValue(),
    'Please call the clinic with questions.\nReplies to the front desk fax.',
    'notes keep several lines',
  );

  await dialog(page).getByText('2 pages including the cover page').waitFor({ timeout: 30_000 });
  assert.equal(await dialog(page).getByRole('list', { name: 'Pages as they will be faxed' }).getByRole('img').count(), 2);
  await saveScreenshot(page, 'fax-dialog');

  // Shift+Tab goes back, Tab forward to Send.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await isFocused(dialog(page).getByLabel('Subject')), true);
  const send = dialog(page).getByRole('button', { name: 'Send', exact: true });
  for (let i = 0; i < 10 && !(await isFocused(send)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  const display = `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  await dialog(page).getByText(`You have never faxed ${display}. Check the number before sending.`).waitFor();
  await saveScreenshot(page, 'fax-dialog-confirm');
  assert.equal(await isFocused(dialog(page).getByRole('button', { name: 'Confirm and send' })), true);
  await page.keyboard.press('Enter');

  await page.getByRole('status').filter({ hasText: 'Sent' }).waitFor();
  assert.equal(await dialog(page).count(), 0, 'the dialog closes once sent');
  const faxes = await harness.database.db
    .selectFrom('faxes')
    .select(['id', 'recipient_fax_number', 'page_count'])
    .where('patient_id', '=', patient.id)
    .execute();
  assert.equal(faxes.length, 1, 'exactly one fax was created');
  assert.equal(faxes[0]!.recipient_fax_number, chosen.faxNumber);
  assert.equal(faxes[0]!.page_count, 2);

  // The patient's fax log lists it; the history follows it to Delivered.
  await page.getByRole('table', { name: 'Faxes from this patient’s record, newest first' }).getByText(chosenName).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fax history' }).click();
  const historyRow = page.locator(`tr[data-fax-id="${faxes[0]!.id}"]`);
  await historyRow.getByText('Delivered', { exact: true }).waitFor({ timeout: 90_000 });
  await saveScreenshot(page, 'fax-history');

  await historyRow.getByRole('link').first().click();
  await page.getByRole('heading', { name: `Fax to ${chosenName}`, level: 1 }).waitFor();
  const attempts = page.getByRole('list', { name: 'Attempts, first to last' });
  await attempts.getByText('Attempt 1 · Delivered').waitFor();
  assert.match((await attempts.textContent()) ?? '', new RegExp(`Receiving station\\+1 ${digits.slice(0, 3)} 555 01\\d\\d`));
  assert.match((await attempts.textContent()) ?? '', /Pages transmitted2 of 2/);
  const pairs = page.getByRole('list', { name: 'Sent and received pages' });
  assert.equal(await pairs.getByRole('img', { name: /^Received page/ }).count(), 2, 'both pages were printed by the receiving machine');
  await page.waitForFunction('Array.from(document.images).every((img) => img.complete)');
  await saveScreenshot(page, 'fax-detail', { fullPage: true });

  // The transmission report is what gets printed.
  const report = page.getByRole('region', { name: 'Transmission report' });
  assert.match((await report.textContent()) ?? '', /Delivered/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('heading', { name: `Fax to ${chosenName}` }).isVisible(), false, 'only the report prints');
  assert.equal(await report.isVisible(), true);
  await saveScreenshot(page, 'fax-report', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});
