/**
 * A real Chartfax listening on 127.0.0.1 with its public URL set to its own address, so provider
 * emulators post webhooks to the same /webhooks/<provider>/<token> URL a provider would. The clinic
 * talks to it over real HTTP; the engine is driven step by step (no background workers).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startChartfax } from '../../src/composition';
import type { Clock } from '../../src/core/clock';
import { advanceFax } from '../../src/jobs/fax-engine';
import { handleProviderEvent } from '../../src/jobs/provider-events';
import { startTestChartfax, type TestChartfax } from '../support/chartfax';
import { onFileEnd } from '../support/cleanup';
import { createClinicFixture, FIXTURE_PASSWORD, type ClinicFixture } from '../support/fixtures';

function makeApi(publicUrl: string): ProviderChartfax['api'] {
  return async function api(
    method: string,
    path: string,
    who: Caller | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const response = await fetch(`${publicUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  };
}

/** A port nobody listens on right now (also used as "the provider cannot be reached"). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Caller {
  cookie: string;
  csrfToken: string;
}

export interface ApiResponse {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
  json: any;
}

export interface ProviderChartfax {
  t: TestChartfax;
  url: string;
  clinic: ClinicFixture;
  owner: Caller;
  desk: Caller;
  api(method: string, path: string, who: Caller | null, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

/**
 * Starts Chartfax on a fresh test database with CHARTFAX_PUBLIC_URL = its own listening address,
 * creates a clinic and signs in its owner and front desk.
 */
export async function startProviderChartfax(
  options: { clock?: Clock; fetch?: typeof fetch; env?: Record<string, string> } = {},
): Promise<ProviderChartfax> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const t = await startTestChartfax({
    workers: false,
    clock: options.clock,
    fetch: options.fetch,
    env: { PORT: String(port), CHARTFAX_PUBLIC_URL: publicUrl, ...options.env },
  });
  const clinic = await createClinicFixture(t.db.db, 'harbour');

  async function signIn(email: string): Promise<Caller> {
    const response = await fetch(`${publicUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: FIXTURE_PASSWORD }),
    });
    assert.equal(response.status, 200, `sign-in as ${email}`);
    const cookie = String(response.headers.get('set-cookie')).split(';')[0]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  return {
    t,
    url: publicUrl,
    clinic,
    owner: await signIn(clinic.staff.owner.email),
    desk: await signIn(clinic.staff['front-desk'].email),
    api: makeApi(publicUrl),
  };
}

/**
 * Stops this Chartfax and starts another on the same database (a restart, e.g. with a new
 * CHARTFAX_SECRET_KEY), listening on a new address. Sessions survive, as they do in production.
 */
export async function restartChartfax(
  cf: ProviderChartfax,
  options: { clock?: Clock; env: Record<string, string> },
): Promise<ProviderChartfax> {
  await cf.t.chartfax.stop();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-test-'));
  onFileEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATABASE_URL: cf.t.db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    CHARTFAX_PUBLIC_URL: publicUrl,
    CHARTFAX_DEMO: 'false',
    LOG_LEVEL: process.env.CHARTFAX_TEST_LOG_LEVEL ?? 'silent',
    CHARTFAX_DATA_DIR: dataDir,
    CHARTFAX_RENDER_THREADS: '1',
    CHARTFAX_QUEUE_POLL_SECONDS: '1',
    CHARTFAX_SECURE_COOKIES: 'true',
    ...options.env,
  });
  const chartfax = await startChartfax(config, { http: true, workers: false, clock: options.clock });
  onFileEnd(() => chartfax.stop());
  return { ...cf, t: { ...cf.t, chartfax, dataDir }, url: publicUrl, api: makeApi(publicUrl) };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** What an emulator received, through its public control API (GET /__emulator/faxes). */
export async function emulatorFaxes(emulatorUrl: string): Promise<{ id: string; to: string; status: string; tags?: unknown }[]> {
  const response = await fetch(`${emulatorUrl}/__emulator/faxes`);
  return ((await response.json()) as { faxes: { id: string | number; to: string; status: string; tags?: unknown }[] }).faxes.map((fax) => ({
    ...fax,
    id: String(fax.id),
  }));
}

export async function injectFault(emulatorUrl: string, kind: string, count = 1): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, count }),
  });
  assert.equal(response.status, 204, `fault ${kind} accepted by the emulator`);
}

export async function clearFaults(emulatorUrl: string): Promise<void> {
  await fetch(`${emulatorUrl}/__emulator/faults`, { method: 'DELETE' });
}

const FINAL_AT_PROVIDER = new Set(['success', 'failed', 'failure', 'delivered', 'cancelled']);

/**
 * Waits until the emulator has finished the fax with this provider id (its last webhook is queued),
 * then until every queued webhook has been posted to Chartfax.
 */
export async function settleAtProvider(emulator: { url: string; drainWebhooks(): Promise<void> }, providerFaxId: string): Promise<void> {
  for (let poll = 0; ; poll += 1) {
    const fax = (await emulatorFaxes(emulator.url)).find((f) => f.id === providerFaxId);
    if (fax && FINAL_AT_PROVIDER.has(fax.status)) break;
    if (poll > 1000) throw new Error(`The emulator never finished fax ${providerFaxId}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await emulator.drainWebhooks();
}

/** Runs every queued 'process-provider-event' job, as the worker would, oldest first. */
export async function processProviderEvents(t: TestChartfax): Promise<void> {
  const pending = await t.db.db
    .selectFrom('provider_webhook_events')
    .select(['provider', 'event_id'])
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .execute();
  for (const row of pending) await handleProviderEvent(t.chartfax.engine, { provider: row.provider, eventId: row.event_id });
}

/** The front desk faxes the clinic's first chart entry (no cover page) to `faxNumber`; returns the fax id. */
export async function sendChartEntry(cf: ProviderChartfax, faxNumber: string, name = 'Lakeside Physiotherapy'): Promise<string> {
  const res = await cf.api('POST', '/api/faxes', cf.desk, {
    source: { type: 'chart-entry', chartEntryId: cf.clinic.entries[0]!.id },
    recipient: { name, faxNumber },
    coverPage: { enabled: false },
    purpose: 'treatment',
  });
  assert.equal(res.status, 202, res.text);
  return res.json.id as string;
}

/** GET /api/faxes/:id as the front desk sees it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
export async function readFax(cf: ProviderChartfax, id: string): Promise<any> {
  const res = await cf.api('GET', `/api/faxes/${id}`, cf.desk);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** One engine step for a fax, then the provider's id of its latest attempt (which must be submitted). */
export async function submitFax(cf: ProviderChartfax, id: string): Promise<string> {
  await advanceFax(cf.t.chartfax.engine, id);
  const attempt = (await readFax(cf, id)).attempts.at(-1);
  assert.equal(attempt?.status, 'submitted', `submitted to the provider: ${JSON.stringify(attempt)}`);
  assert.ok(attempt.providerFaxId);
  return attempt.providerFaxId as string;
}
