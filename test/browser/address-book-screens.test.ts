/**
 * Settings → Address book in a real browser: a long name previewed as the cover page prints it,
 * editing, archiving, a CSV import that shows every row's fate before saving anything, and export.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness } from '../support/browser';

const harness = await startBrowserHarness();

async function openAddressBook(who: 'owner' | 'frontdesk' = 'frontdesk') {
  const page = await harness.newPage();
  await page.goto('/settings/address-book');
  await signIn(page, demoEmail(who));
  await page.getByRole('heading', { name: 'Address book', level: 2 }).waitFor();
  return page;
}

test('a person with a long name: the cover preview shows the 40 characters that print; edit; archive', async () => {
  const page = await openAddressBook();
  await page.getByRole('button', { name: 'New entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'New address book entry' });
  await dialog.getByLabel('First name').fill('Maximiliana');
  await dialog.getByLabel('Last name').fill('Featherstonehaugh-Quill');
  const preview = dialog.getByTestId('cover-name-preview');
  assert.equal(await preview.textContent(), 'Maximiliana Featherstonehaugh-Quill');
  await dialog.getByLabel('Organization (optional)').fill('Riverside Orthopaedic Rehabilitation');
  // "Maximiliana Featherstonehaugh-Quill, Riverside Orthopaedic Rehabilitation" is 73 characters.
  assert.equal(await preview.textContent(), 'Maximiliana Featherstonehaugh-Quill, Riv');
  await dialog.getByText('the last 33 do not fit').waitFor();
  await dialog.getByLabel('Fax number').fill('604 555 0123');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page
    .getByRole('status')
    .getByText('Maximiliana Featherstonehaugh-Quill, Riverside Orthopaedic Rehabilitation was added.')
    .waitFor();

  const search = page.getByRole('searchbox', { name: 'Search address book' });
  await search.fill('Featherstonehaugh');
  const row = page.getByRole('row', { name: /Featherstonehaugh-Quill/ });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /\+1 604-555-0123|604.555.0123/);

  await page.getByRole('button', { name: /^Edit Maximiliana/ }).click();
  const edit = page.getByRole('dialog', { name: /^Edit Maximiliana/ });
  await edit.getByLabel('Organization (optional)').fill('Harbour Physio');
  assert.equal(
    await edit.getByTestId('cover-name-preview').textContent(),
    'Maximiliana Featherstonehaugh-Quill, Har',
    'still 40 characters at most',
  );
  await edit.getByLabel('Last name').fill('Quill');
  assert.equal(await edit.getByTestId('cover-name-preview').textContent(), 'Maximiliana Quill, Harbour Physio');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Maximiliana Quill, Harbour Physio was saved.').waitFor();
  await search.fill('Maximiliana');
  await page.getByRole('row', { name: /Maximiliana Quill/ }).waitFor();
  await saveScreenshot(page, 'address-book');

  await page.getByRole('button', { name: 'Archive Maximiliana Quill, Harbour Physio' }).click();
  await page
    .getByRole('dialog', { name: /^Archive/ })
    .getByRole('button', { name: 'Archive' })
    .click();
  await page.getByText('was archived.').waitFor();
  await page.getByText('No contacts match “Maximiliana”.').waitFor();
  const stored = await harness.database.db
    .selectFrom('contacts')
    .select(['archived_at'])
    .where('first_name', '=', 'Maximiliana')
    .executeTakeFirstOrThrow();
  assert.ok(stored.archived_at, 'archived, not deleted');
});

test('CSV import previews errors and duplicates, imports only the valid new rows, and export contains them', async () => {
  const existing = await harness.database.db
    .selectFrom('contacts')
    .select(['fax_number'])
    .where('fax_number', 'is not', null)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  const page = await openAddressBook();
  const before = await harness.database.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();

  const csv = [
    'type,first_name,last_name,organization,fax,phone,email,address,city,region,postal_code,notes',
    'person,Quentin,Importable,Northshore Sports Medicine,604 555 0131,,,,,,,',
    'person,Bad,Faxnumber,,12,,,,,,,',
    `organization,,,Same Number Clinic,${existing.fax_number},,,,,,,`,
    'organization,,,Westside Imaging,604 555 0132,,,,,,,',
  ].join('\n');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts from CSV' });
  await dialog.getByLabel('CSV text').fill(csv);
  await dialog.getByRole('button', { name: 'Preview import' }).click();
  await dialog.getByText('4 rows read').waitFor();
  await dialog.getByText('2 contacts will be imported').waitFor();
  const rows = dialog.getByRole('row');
  assert.match((await rows.filter({ hasText: 'Quentin Importable' }).textContent()) ?? '', /Will be imported/);
  assert.match((await rows.filter({ hasText: 'Bad Faxnumber' }).textContent()) ?? '', /Error/);
  assert.match((await rows.filter({ hasText: 'Same Number Clinic' }).textContent()) ?? '', /Duplicate/);
  await saveScreenshot(page, 'address-book-import');

  const during = await harness.database.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(during.n, before.n, 'a preview saves nothing');

  await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
  await page.getByText('2 contacts imported.').waitFor();
  const after = await harness.database.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n) + 2);
  assert.equal(
    await harness.database.db.selectFrom('contacts').select('id').where('last_name', '=', 'Faxnumber').executeTakeFirst(),
    undefined,
    'the bad row was not imported',
  );

  await page.getByRole('searchbox', { name: 'Search address book' }).fill('Importable');
  await page.getByRole('row', { name: /Quentin Importable/ }).waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  assert.match(exported.split('\n')[0]!, /first_name/);
  assert.match(exported, /Quentin,Importable,Northshore Sports Medicine/);
  assert.match(exported, /Westside Imaging/);
  assert.doesNotMatch(exported, /Faxnumber/);
});

test('Settings is offered only to people who may read the address book', async () => {
  const page = await openAddressBook('owner');
  await page.getByRole('button', { name: 'New entry' }).waitFor();
  const limited = await harness.newPage();
  await limited.goto('/settings/address-book');
  await signIn(limited, demoEmail('limited'));
  // The limited practitioner has no address book at all: Settings is not in the menu.
  await limited.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.equal(await limited.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).count(), 0);
});
