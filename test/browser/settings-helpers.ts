/**
 * What the settings, usage and address-book browser tests do behind the screens: call the API as a
 * demo staff member (to send a fax the way a host system or the fax dialog would) and wait for it.
 */
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../src/composition';
import type { TestDatabase } from '../support/database';

export interface ApiCaller {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }>;
}

/** Sign in over HTTP and keep the session cookie and CSRF token. */
export async function signInApi(baseUrl: string, email: string): Promise<ApiCaller> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async call(method, path, body) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        // CSV or empty
      }
      return { status: res.status, json, text };
    },
  };
}

/** A chart entry of the demo clinic to fax. */
export async function anyChartEntryId(database: TestDatabase): Promise<string> {
  const row = await database.db.selectFrom('chart_entries').select('id').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

/** Send a chart entry (no cover) and return the fax id. */
export async function faxChartEntry(
  caller: ApiCaller,
  chartEntryId: string,
  faxNumber: string,
  name = 'Lakeside Physiotherapy',
): Promise<string> {
  const res = await caller.call('POST', '/api/faxes', {
    source: { type: 'chart-entry', chartEntryId },
    recipient: { name, faxNumber },
    coverPage: { enabled: false },
    purpose: 'treatment',
  });
  assert.equal(res.status, 202, res.text);
  return res.json.id as string;
}

/** Poll the fax until it reaches a final state; returns its detail. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
export async function waitForFinalStatus(caller: ApiCaller, faxId: string, maxPolls = 600): Promise<any> {
  for (let i = 0; i < maxPolls; i += 1) {
    const res = await caller.call('GET', `/api/faxes/${faxId}`);
    assert.equal(res.status, 200, res.text);
    if (['delivered', 'failed', 'cancelled'].includes(res.json.status)) return res.json;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Fax ${faxId} did not finish.`);
}
