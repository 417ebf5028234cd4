/**
 * Settings in a real browser: fax settings (retry policy, international faxing, a refused value
 * shown next to its field), API keys shown once and revoked, cover templates checked live by the
 * server, and pages hidden from people who may not use them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness } from '../support/browser';

const harness = await startBrowserHarness();

async function openSettings(section: string, who: 'owner' | 'admin' = 'admin') {
  const page = await harness.newPage();
  await page.goto(`/settings/${section}`);
  await signIn(page, demoEmail(who));
  return page;
}

test('fax settings: a refused value is shown next to its field; retry policy and international faxing are saved', async () => {
  const page = await openSettings('fax');
  await page.getByRole('heading', { name: 'Fax settings', level: 2 }).waitFor();

  const busyAttempts = page.getByLabel('Line busy: attempts at most');
  await busyAttempts.fill('99');
  await page.getByRole('button', { name: 'Save fax settings' }).click();
  await page.getByRole('alert').getByText('Correct them and try again').waitFor();
  assert.equal(await busyAttempts.getAttribute('aria-invalid'), 'true');
  const describedBy = await busyAttempts.getAttribute('aria-describedby');
  assert.ok(describedBy);
  assert.match((await page.locator(`[id="${describedBy}"]`).textContent()) ?? '', /20/, 'the error names the limit');
  const unchanged = await harness.database.db
    .selectFrom('clinic_fax_settings')
    .select(['retry_policy', 'international_enabled'])
    .executeTakeFirst();
  const internationalBefore = unchanged?.international_enabled ?? false;

  await busyAttempts.fill('4');
  await page.getByLabel('Line busy: minutes between attempts').fill('3');
  await page.getByLabel('Stop trying after (minutes)').fill('240');
  const international = page.getByRole('switch', { name: 'International faxing' });
  if ((await international.isChecked()) === internationalBefore) await international.click();
  await page.getByRole('button', { name: 'Save fax settings' }).click();
  await page.getByText('Fax settings saved.').waitFor();
  assert.equal(await busyAttempts.getAttribute('aria-invalid'), null);
  await saveScreenshot(page, 'settings-fax', { fullPage: true });

  const stored = await harness.database.db
    .selectFrom('clinic_fax_settings')
    .select(['retry_policy', 'international_enabled'])
    .executeTakeFirstOrThrow();
  const policy = (typeof stored.retry_policy === 'string' ? JSON.parse(stored.retry_policy) : stored.retry_policy) as {
    busy: { intervalMinutes: number; maxAttempts: number };
    giveUpAfterMinutes: number;
  };
  assert.deepEqual(policy.busy, { intervalMinutes: 3, maxAttempts: 4 });
  assert.equal(policy.giveUpAfterMinutes, 240);
  assert.equal(stored.international_enabled, !internationalBefore);

  await page.reload();
  await page.getByLabel('Line busy: attempts at most').waitFor();
  assert.equal(await page.getByLabel('Line busy: attempts at most').inputValue(), '4');
  assert.equal(await page.getByRole('switch', { name: 'International faxing' }).isChecked(), !internationalBefore);
  await page.getByText('Your clinic changed these values.').waitFor();
});

test('an API key is shown once, then listed by its prefix only, and can be revoked', async () => {
  const page = await openSettings('api');
  await page.getByLabel('Name of the new key').fill('Front desk EHR');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'API key “Front desk EHR”' });
  const key = await dialog.getByLabel('API key', { exact: true }).inputValue();
  assert.ok(key.length > 20);
  const works = await fetch(`${harness.baseUrl}/api/contacts`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(works.status, 200, 'the key works');
  await dialog.getByRole('button', { name: 'I saved it, close' }).click();

  const row = page.getByRole('row', { name: /Front desk EHR/ });
  await row.waitFor();
  assert.equal(await page.getByText(key).count(), 0, 'the whole key is not shown again');
  assert.equal((await page.content()).includes(key), false);
  await page.reload();
  await row.waitFor();
  assert.equal((await page.content()).includes(key), false);

  await row.getByRole('button', { name: 'Revoke Front desk EHR' }).click();
  await page.getByRole('dialog', { name: 'Revoke “Front desk EHR”?' }).getByRole('button', { name: 'Revoke key' }).click();
  await page.getByText('“Front desk EHR” is revoked.').waitFor();
  await row.getByText('Revoked').waitFor();
  const refused = await fetch(`${harness.baseUrl}/api/contacts`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(refused.status, 401);
});

test('a cover template with an unknown variable is refused with the reason next to the field; a valid one is saved as default', async () => {
  const page = await openSettings('cover-templates');
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Template name').fill('Referral cover');
  const text = page.getByLabel('Template text');
  await text.fill('# Referral\n**To:** {{recipientName}}\n**Shoe size:** {{shoeSize}}\n');
  // The preview marks the unknown variable; the server's check names it next to the field.
  await page.getByRole('region', { name: 'Cover page preview with sample values' }).getByText('{{shoeSize}}').waitFor();
  await page.locator('.field-error').filter({ hasText: 'shoeSize' }).waitFor();
  assert.equal(await text.getAttribute('aria-invalid'), 'true');

  await text.fill(
    '# Referral\n**To:** {{recipientName}}\n**From:** {{clinicName}}\n{{#subject}}\n**Subject:** {{subject}}\n{{/subject}}\n---\n> Confidential: call {{callbackNumber}} if this reached you by mistake.\n',
  );
  await page.getByText('Chartfax checked this template: it fits on one page.').waitFor();
  const preview = page.getByRole('region', { name: 'Cover page preview with sample values' });
  await preview.getByText('Dr. Imogen Sample, Harbour Physio').waitFor();
  await page.getByText('{{patientName}}').waitFor(); // the variable list
  await page.getByLabel('Use as the default cover page').check();
  await saveScreenshot(page, 'settings-cover-template');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('“Referral cover” was saved.').waitFor();
  const item = page.getByRole('listitem').filter({ hasText: 'Referral cover' });
  await item.getByText('Default').waitFor();
  const stored = await harness.database.db
    .selectFrom('cover_templates')
    .select(['name', 'is_default'])
    .where('name', '=', 'Referral cover')
    .executeTakeFirstOrThrow();
  assert.equal(stored.is_default, true);

  // A cover that runs past one page is refused too.
  await item.getByRole('button', { name: 'Edit Referral cover' }).click();
  await page.getByLabel('Template text').fill(`# Long\n${'A paragraph of text that repeats to fill the page.\n\n'.repeat(80)}`);
  await page.locator('.field-error').filter({ hasText: /page/ }).waitFor();
});

test('settings pages the person may not use are not offered', async () => {
  const page = await harness.newPage();
  await page.goto('/settings');
  await signIn(page, demoEmail('frontdesk'));
  await page.waitForURL('**/settings/address-book');
  const nav = page.getByRole('navigation', { name: 'Settings' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Address book']);
  await page.goto('/settings/fax');
  await page.getByText('This settings page is for owners and admins.').waitFor();

  const owner = await openSettings('', 'owner');
  await owner.waitForURL('**/settings/address-book');
  assert.deepEqual(await owner.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents(), [
    'Address book',
    'Integrations',
    'Fax numbers',
    'Cover templates',
    'Fax settings',
    'API keys & webhooks',
    'Disclosures',
  ]);
});
