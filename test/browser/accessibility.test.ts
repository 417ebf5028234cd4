/**
 * axe-core on every main screen of the app, signed in as the owner (who sees every page): no
 * serious or critical violation may appear. The report names the rule, its help text and where.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoEmail, signIn, startBrowserHarness } from '../support/browser';
import { findPatientWithPlan } from './demo-records';

const AXE_PATH = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

const harness = await startBrowserHarness();
const patient = await findPatientWithPlan(harness.database);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))',
  )) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    )
    .join('\n');
}

/** Each screen with something on it that shows the screen has finished loading. */
const SCREENS: readonly { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'patient search', path: '/', ready: (p) => p.getByRole('heading', { name: 'Patients', level: 1 }).waitFor() },
  {
    name: 'chart',
    path: `/patients/${patient.id}`,
    ready: (p) => p.getByRole('heading', { name: `${patient.lastName}, ${patient.firstName}`, level: 1 }).waitFor(),
  },
  { name: 'treatment plans', path: `/patients/${patient.id}/plans`, ready: (p) => p.getByText(patient.planTitle).first().waitFor() },
  {
    name: 'treatment plan',
    path: `/patients/${patient.id}/plans/${patient.planId}`,
    ready: (p) => p.getByText(patient.planTitle).first().waitFor(),
  },
  { name: 'fax history', path: '/faxes', ready: (p) => p.getByRole('heading', { name: 'Fax history', level: 1 }).waitFor() },
  { name: 'usage', path: '/usage', ready: (p) => p.getByRole('meter').waitFor() },
  { name: 'address book', path: '/settings/address-book', ready: (p) => p.getByRole('table', { name: 'Contacts' }).waitFor() },
  { name: 'integrations', path: '/settings/integrations', ready: (p) => p.getByTestId('transport').waitFor() },
  { name: 'fax numbers', path: '/settings/numbers', ready: (p) => p.getByLabel('Default sending number').waitFor() },
  { name: 'cover templates', path: '/settings/cover-templates', ready: (p) => p.getByRole('button', { name: 'New template' }).waitFor() },
  { name: 'fax settings', path: '/settings/fax', ready: (p) => p.getByRole('button', { name: 'Save fax settings' }).waitFor() },
  { name: 'API keys and webhooks', path: '/settings/api', ready: (p) => p.getByRole('heading', { name: 'Webhooks' }).waitFor() },
  {
    name: 'disclosures',
    path: '/settings/disclosures',
    ready: (p) => p.getByRole('heading', { name: 'Accounting of disclosures' }).waitFor(),
  },
];

test('no serious or critical accessibility violation on the main screens', async () => {
  const page = await harness.newPage();
  await page.goto('/');
  await signIn(page, demoEmail('owner'));
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  const problems: string[] = [];
  for (const screen of SCREENS) {
    await page.goto(screen.path);
    await screen.ready(page);
    const found = await seriousViolations(page);
    if (found.length > 0) problems.push(`${screen.name} (${screen.path}):\n${describe(found)}`);
  }
  assert.equal(problems.join('\n\n'), '', 'axe found serious or critical violations');
});

test('no serious or critical violation in the address book’s dialogs, the cover template editor and the notifications list', async () => {
  const page = await harness.newPage();
  await page.goto('/settings/address-book');
  await signIn(page, demoEmail('owner'));
  const problems: string[] = [];
  const check = async (name: string) => {
    const found = await seriousViolations(page);
    if (found.length > 0) problems.push(`${name}:\n${describe(found)}`);
  };
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByRole('dialog', { name: 'New address book entry' }).waitFor();
  await check('new address book entry');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await page.getByRole('dialog', { name: 'Import contacts from CSV' }).waitFor();
  await check('CSV import');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('region', { name: 'Notifications' }).waitFor();
  await check('notifications');
  await page.goto('/settings/cover-templates');
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByText('Chartfax checked this template').waitFor();
  await check('cover template editor');
  assert.equal(problems.join('\n\n'), '', 'axe found serious or critical violations');
});

test('the check notices a violation when there is one', async () => {
  const page = await harness.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').waitFor();
  await page.evaluate('document.querySelector("main").insertAdjacentHTML("beforeend", "<input type=\\"text\\">")');
  const found = await seriousViolations(page);
  assert.ok(
    found.some((v) => v.id === 'label'),
    describe(found),
  );
});
