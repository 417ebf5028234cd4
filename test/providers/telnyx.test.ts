/**
 * Telnyx end to end: connect in Settings, choose the number faxes go out from, fax a chart entry;
 * Telnyx's Ed25519-signed webhooks reach Chartfax's per-connection webhook URL (sent with each fax).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTelnyxEmulator, type TelnyxEmulator } from '../../emulators/telnyx/server';
import { createFakeClock } from '../../src/core/clock';
import {
  emulatorFaxes,
  processProviderEvents,
  readFax,
  sendChartEntry,
  settleAtProvider,
  startProviderChartfax,
  submitFax,
  type ProviderChartfax,
} from './provider-harness';

const clock = createFakeClock('2025-05-06T17:00:00Z');
let cf: ProviderChartfax;
let emulator: TelnyxEmulator;
let webhookUrl: string;

before(async () => {
  emulator = await startTelnyxEmulator({ stepDelayMs: 5 });
  cf = await startProviderChartfax({ clock });
});
after(async () => {
  await emulator.close();
});

const credentials = (overrides: Record<string, string> = {}) => ({
  apiKey: emulator.apiKey,
  connectionId: emulator.connectionId,
  webhookPublicKey: emulator.webhookPublicKey,
  baseUrl: emulator.baseUrl,
  ...overrides,
});

async function finishAtTelnyx(providerFaxId: string): Promise<void> {
  await settleAtProvider(emulator, providerFaxId);
  await processProviderEvents(cf.t);
}

describe('Telnyx', () => {
  test('a wrong API key is refused in plain words and nothing is saved', async () => {
    const res = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'telnyx',
      credentials: credentials({ apiKey: 'KEY_revoked' }),
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(
      res.json.error.message,
      'Telnyx rejected this API key — create a new one in the Telnyx portal under Keys & Credentials → API Keys.',
    );
    assert.equal((await cf.t.db.db.selectFrom('provider_connections').selectAll().execute()).length, 0);
  });

  test('connect and choose the number faxes go out from', async () => {
    const res = await cf.api('POST', '/api/integrations', cf.owner, { provider: 'telnyx', credentials: credentials() });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(
      res.json.numbers.map((n: { number: string }) => n.number),
      emulator.numbers.map((n) => n.number),
    );
    webhookUrl = res.json.webhookUrl;
    const listed = await cf.api('GET', '/api/integrations', cf.owner);
    assert.equal(listed.text.includes(emulator.apiKey), false);
    const row = await cf.t.db.db.selectFrom('provider_connections').select('credentials_encrypted').executeTakeFirstOrThrow();
    assert.equal(row.credentials_encrypted.includes(emulator.apiKey), false);
    const wrong = await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+16045550189' });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.json.error.fields.defaultNumber);
    assert.equal((await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+16045550179' })).status, 200);
  });

  test('a chart entry is delivered through signed webhooks to Chartfax’s webhook URL', async () => {
    const id = await sendChartEntry(cf, '604-555-0142');
    const telnyxId = await submitFax(cf, id);
    const atTelnyx = (await emulatorFaxes(emulator.url)).find((fax) => fax.id === telnyxId);
    assert.equal((atTelnyx as { from?: string } | undefined)?.from, '+16045550179');
    await finishAtTelnyx(telnyxId);
    const fax = await readFax(cf, id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts[0].providerFaxId, telnyxId);
    const events = await cf.t.db.db
      .selectFrom('provider_webhook_events')
      .selectAll()
      .where('provider', '=', 'telnyx')
      .where('provider_fax_id', '=', telnyxId)
      .execute();
    assert.ok(events.length >= 1);
    assert.ok(events.every((e) => e.fax_id === id));
  });

  test('a busy line waits to retry', async () => {
    const id = await sendChartEntry(cf, '604-555-0150');
    await finishAtTelnyx(await submitFax(cf, id));
    const fax = await readFax(cf, id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.attempts[0].cause, 'busy');
  });

  test('a webhook signed by someone else is refused with 401', async () => {
    const body = JSON.stringify({ data: { id: 'evt-1', event_type: 'fax.delivered', payload: { fax_id: 'nope', status: 'delivered' } } });
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
        'telnyx-signature-ed25519': Buffer.alloc(64, 7).toString('base64'),
      },
      body,
    });
    assert.equal(res.status, 401);
  });
});
