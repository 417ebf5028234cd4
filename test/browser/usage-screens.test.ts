/**
 * Usage in a real browser: pages of delivered faxes against the allowance, and the 80% notice in
 * the notifications bell once a delivery crosses it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoEmail, saveScreenshot, signIn, startBrowserHarness } from '../support/browser';
import { anyChartEntryId, faxChartEntry, signInApi, waitForFinalStatus } from './settings-helpers';

const harness = await startBrowserHarness();

test('delivered pages show on the usage page, and crossing 80% of the allowance brings a notification', async () => {
  const owner = await signInApi(harness.baseUrl, demoEmail('owner'));
  const desk = await signInApi(harness.baseUrl, demoEmail('frontdesk'));
  const entryId = await anyChartEntryId(harness.database);
  const preview = await desk.call('POST', '/api/fax-previews', {
    source: { type: 'chart-entry', chartEntryId: entryId },
    recipient: { name: 'Lakeside Physiotherapy', faxNumber: '+1 604 555 0100' },
    coverPage: { enabled: false },
  });
  assert.equal(preview.status, 200, preview.text);
  const pagesPerFax = preview.json.pageCount as number;
  const usageBefore = (await owner.call('GET', '/api/usage')).json.pagesUsed as number;

  // Enough faxes for at least 4 pages, and an allowance those pages fill to at least 80% but not 100%.
  const faxes = Math.ceil(4 / pagesPerFax);
  const pages = faxes * pagesPerFax;
  const allowance = usageBefore + pages + Math.max(1, Math.floor(pages / 5));
  const set = await owner.call('PATCH', '/api/settings/fax', { monthlyPageAllowance: allowance });
  assert.equal(set.status, 200, set.text);

  for (let i = 0; i < faxes; i += 1) {
    const id = await faxChartEntry(desk, entryId, '+1 604 555 0100');
    assert.equal((await waitForFinalStatus(desk, id)).status, 'delivered');
  }
  const used = usageBefore + pages;
  const percent = Math.round((used / allowance) * 100);
  assert.ok(percent >= 80 && percent < 100, `${used} of ${allowance}`);

  const page = await harness.newPage();
  await page.goto('/usage');
  await signIn(page, demoEmail('owner'));
  await page.getByRole('heading', { name: /^Usage · / }).waitFor();
  const meter = page.getByRole('meter', { name: 'Pages used of the monthly allowance' });
  await meter.waitFor();
  assert.equal(await meter.getAttribute('aria-valuenow'), String(used));
  assert.equal(await meter.getAttribute('aria-valuemax'), String(allowance));
  await page.getByText(`${used} pages`, { exact: true }).first().waitFor();
  await page.getByText(`${percent}% of the allowance for`).waitFor();

  // The same figures as a table for people who cannot see the chart.
  await page.getByText('Show the figures as a table').click();
  const today = page
    .getByRole('table', { name: 'Pages delivered per day' })
    .getByRole('row')
    .filter({ hasText: String(used) });
  assert.ok((await today.count()) >= 1, 'today’s pages are in the table');
  const sender = await harness.database.db
    .selectFrom('staff')
    .select(['first_name', 'last_name'])
    .where('email', '=', demoEmail('frontdesk'))
    .executeTakeFirstOrThrow();
  const staffRow = page
    .getByRole('region', { name: 'By staff member' })
    .getByRole('row')
    .filter({ hasText: `${sender.first_name} ${sender.last_name}` });
  assert.match((await staffRow.textContent()) ?? '', new RegExp(String(pages)));

  const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  const notice = panel.getByRole('listitem').filter({ hasText: '80% of the fax allowance used' });
  await notice.waitFor();
  await saveScreenshot(page, 'usage');
  await notice.getByRole('button', { name: 'Mark as read' }).click();
  await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

  const stored = await owner.call('GET', '/api/notifications?unread=true');
  assert.equal(stored.json.notifications.filter((n: { kind: string }) => n.kind === 'allowance-80').length, 0, 'marked read on the server');
});

test('a front desk member has no usage page in the menu', async () => {
  const page = await harness.newPage();
  await page.goto('/');
  await signIn(page, demoEmail('frontdesk'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).count(), 0);
});
