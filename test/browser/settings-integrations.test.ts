/**
 * Settings → Integrations against the Documo emulator, in a real browser: connect with a key that
 * the server checks live, see the account and its numbers, paste the once-shown webhook details into
 * "Documo", choose the default sending number, fax a chart entry that Documo delivers (its webhooks
 * reach this Chartfax's public URL), then disconnect.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startDocumoEmulator } from '../../emulators/documo/server';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness } from '../support/browser';
import { anyChartEntryId, faxChartEntry, signInApi, waitForFinalStatus } from './settings-helpers';

const harness = await startBrowserHarness({ publicUrlIsSelf: true });
const documo = await startDocumoEmulator({ stepDelayMs: 5 });
after(() => documo.close());

test('connect Documo, choose the default number, a fax is delivered through it with Documo’s id, then disconnect', async () => {
  const page = await harness.newPage();
  await page.goto('/settings/integrations');
  await signIn(page, demoEmail('owner'));
  await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
  assert.equal(await page.getByTestId('transport').textContent(), 'Test line');

  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Documo mFax' });
  await page.getByText('In the Documo portal, turn on API access').waitFor(); // the provider's own help text
  await page.getByLabel('API key', { exact: true }).fill('not-the-key');
  await page.getByLabel('API address (optional)').fill(documo.baseUrl);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByTestId('transport').textContent(), 'Test line', 'a refused key connects nothing');

  await page.getByLabel('API key', { exact: true }).fill(documo.apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText(`Documo mFax is connected: faxes now go out through ${documo.accountName}.`).waitFor();
  assert.equal(await page.getByTestId('transport').textContent(), 'Documo mFax');
  assert.equal(await page.getByTestId('account-name').textContent(), documo.accountName);
  const numbers = page.getByRole('list', { name: 'Fax numbers of the account' });
  for (const n of documo.numbers) await numbers.getByText(n.number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3')).waitFor();

  // Shown once: the webhook address and the Basic pair Chartfax made up, to paste into Documo.
  const once = page.locator('.once-panel');
  const webhookUrl = await once.getByLabel('Webhook address', { exact: true }).inputValue();
  const username = await once.getByLabel('Webhook username', { exact: true }).inputValue();
  const password = await once.getByLabel('Webhook password', { exact: true }).inputValue();
  assert.ok(webhookUrl.startsWith(`${harness.baseUrl}/webhooks/documo/`), webhookUrl);
  assert.ok(username && password);
  await saveScreenshot(page, 'settings-integrations', { fullPage: true });
  const pasted = await fetch(`${documo.url}/__emulator/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: webhookUrl, auth: { username, password }, format: 'json' }),
  });
  assert.equal(pasted.status, 204);
  await once.getByRole('button', { name: 'I have pasted them' }).click();
  await page.reload();
  await page.getByTestId('account-name').waitFor();
  assert.equal((await page.content()).includes(password), false, 'the webhook password is not shown again');

  await page.getByRole('link', { name: 'Choose the default sending number' }).click();
  await page.getByRole('heading', { name: 'Fax numbers', level: 2 }).waitFor();
  const chosen = documo.numbers[0]!;
  await page.getByLabel('Default sending number').selectOption(chosen.number);
  await page.getByRole('button', { name: 'Save sending numbers' }).click();
  await page.getByText('Sending numbers saved.').waitFor();
  const settings = await harness.database.db.selectFrom('clinic_fax_settings').select('default_sending_number').executeTakeFirstOrThrow();
  assert.equal(settings.default_sending_number, chosen.number);

  // The front desk faxes a chart entry (as the fax dialog does) and Documo delivers it.
  const desk = await signInApi(harness.baseUrl, demoEmail('frontdesk'));
  const faxId = await faxChartEntry(desk, await anyChartEntryId(harness.database), '+1 604 555 0100');
  const fax = await waitForFinalStatus(desk, faxId);
  assert.equal(fax.status, 'delivered', JSON.stringify(fax.attempts));
  const providerFaxId = fax.attempts.at(-1).providerFaxId as string;
  assert.ok(providerFaxId);
  const sent = (await (await fetch(`${documo.url}/__emulator/faxes`)).json()) as unknown;
  assert.ok(JSON.stringify(sent).includes(providerFaxId), 'Documo received it');
  assert.ok(JSON.stringify(sent).includes(chosen.number.replace(/\D/g, '').slice(1)), 'sent from the chosen number');

  await page.goto(`/faxes?status=delivered`);
  await page
    .getByRole('link', { name: new RegExp(fax.reference) })
    .or(page.getByText(fax.reference))
    .first()
    .waitFor();
  await page.goto(`/faxes/${faxId}`);
  await page.getByText(fax.reference).first().waitFor();
  await page.getByText(providerFaxId, { exact: true }).waitFor(); // the provider's fax id, on the attempt

  await page.goto('/settings/integrations');
  await page.getByRole('button', { name: 'Disconnect Documo mFax' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disconnect Documo mFax?' });
  await confirm.getByText('Faxes in flight finish on Documo mFax').waitFor();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText('Documo mFax is disconnected. New faxes go through the test line.').waitFor();
  assert.equal(await page.getByTestId('transport').textContent(), 'Test line');
});
