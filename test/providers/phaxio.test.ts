/**
 * Phaxio end to end: connect in Settings, choose the sending number, fax a chart entry; Phaxio's
 * signed callback reaches Chartfax's per-connection webhook URL (sent with each fax as callback_url).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPhaxioEmulator, type PhaxioEmulator } from '../../emulators/phaxio/server';
import { createFakeClock } from '../../src/core/clock';
import { advanceFax, UNKNOWN_OUTCOME_RECHECK_MS } from '../../src/jobs/fax-engine';
import {
  emulatorFaxes,
  freePort,
  injectFault,
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
let emulator: PhaxioEmulator;
let webhookUrl: string;

before(async () => {
  emulator = await startPhaxioEmulator({ stepDelayMs: 5 });
  cf = await startProviderChartfax({ clock });
});
after(async () => {
  await emulator.close();
});

const credentials = (overrides: Record<string, string> = {}) => ({
  apiKey: emulator.apiKey,
  apiSecret: emulator.apiSecret,
  callbackToken: emulator.callbackToken,
  baseUrl: emulator.baseUrl,
  ...overrides,
});

async function finishAtPhaxio(providerFaxId: string): Promise<void> {
  await settleAtProvider(emulator, providerFaxId);
  await processProviderEvents(cf.t);
}

describe('Phaxio', () => {
  test('wrong secret → 422 in plain words; unreachable → 502; nothing saved', async () => {
    const wrong = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'phaxio',
      credentials: credentials({ apiSecret: 'not-the-secret' }),
    });
    assert.equal(wrong.status, 422, wrong.text);
    assert.match(wrong.json.error.message, /^Phaxio rejected this API key and secret/);
    const unreachable = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'phaxio',
      credentials: credentials({ baseUrl: `http://127.0.0.1:${await freePort()}` }),
    });
    assert.equal(unreachable.status, 502, unreachable.text);
    assert.equal(unreachable.json.error.code, 'provider-unreachable');
    assert.equal((await cf.t.db.db.selectFrom('provider_connections').selectAll().execute()).length, 0);
  });

  test('connect, choose the sending number, and the secrets never come back', async () => {
    const res = await cf.api('POST', '/api/integrations', cf.owner, { provider: 'phaxio', credentials: credentials() });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json.numbers, emulator.numbers);
    assert.equal(res.json.webhookCredentials, null, 'Phaxio signs its callbacks: nothing to paste');
    webhookUrl = res.json.webhookUrl;
    const listed = await cf.api('GET', '/api/integrations', cf.owner);
    assert.equal(listed.text.includes(emulator.apiSecret), false);
    assert.equal(listed.text.includes(emulator.callbackToken), false);
    const row = await cf.t.db.db.selectFrom('provider_connections').select('credentials_encrypted').executeTakeFirstOrThrow();
    assert.equal(row.credentials_encrypted.includes(emulator.apiSecret), false);

    const wrong = await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+16045550199' });
    assert.equal(wrong.status, 400);
    assert.ok(wrong.json.error.fields.defaultNumber);
    assert.equal((await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+16045550189' })).status, 200);
  });

  test('a chart entry is delivered through a signed callback to Chartfax’s webhook URL', async () => {
    const id = await sendChartEntry(cf, '604-555-0142');
    const phaxioId = await submitFax(cf, id);
    const atPhaxio = (await emulatorFaxes(emulator.url)).find((fax) => fax.id === phaxioId);
    assert.equal((atPhaxio as { from?: string } | undefined)?.from, '+16045550189');
    await finishAtPhaxio(phaxioId);
    const fax = await readFax(cf, id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts[0].providerFaxId, phaxioId);
    const event = await cf.t.db.db
      .selectFrom('provider_webhook_events')
      .selectAll()
      .where('provider', '=', 'phaxio')
      .where('provider_fax_id', '=', phaxioId)
      .executeTakeFirstOrThrow();
    assert.equal(event.outcome, 'applied');
    assert.equal((await cf.t.db.db.selectFrom('usage_records').selectAll().where('fax_id', '=', id).execute()).length, 1);
  });

  test('a busy line waits to retry', async () => {
    const id = await sendChartEntry(cf, '604-555-0150');
    await finishAtPhaxio(await submitFax(cf, id));
    const fax = await readFax(cf, id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.attempts[0].cause, 'busy');
  });

  test('accepted but answered 500: looked up by reference, sent once', async () => {
    await injectFault(emulator.url, 'accept-then-500');
    const id = await sendChartEntry(cf, '604-555-0142');
    await advanceFax(cf.t.chartfax.engine, id);
    let fax = await readFax(cf, id);
    assert.equal(fax.attempts[0].status, 'unknown');
    clock.advance(UNKNOWN_OUTCOME_RECHECK_MS);
    await advanceFax(cf.t.chartfax.engine, id);
    fax = await readFax(cf, id);
    assert.ok(fax.attempts[0].providerFaxId, 'found at Phaxio');
    await finishAtPhaxio(fax.attempts[0].providerFaxId);
    await advanceFax(cf.t.chartfax.engine, id);
    fax = await readFax(cf, id);
    assert.equal(fax.status, 'delivered');
    const atPhaxio = (await emulatorFaxes(emulator.url)).filter((f) => JSON.stringify(f.tags).includes(fax.reference));
    assert.equal(atPhaxio.length, 1);
  });

  test('a callback with a bad signature is refused with 401', async () => {
    const form = new FormData();
    form.append('event_type', 'fax_completed');
    form.append('fax', JSON.stringify({ id: 999999, direction: 'sent', status: 'success' }));
    const res = await fetch(webhookUrl, { method: 'POST', headers: { 'x-phaxio-signature': '0'.repeat(40) }, body: form });
    assert.equal(res.status, 401);
    const stored = await cf.t.db.db.selectFrom('provider_webhook_events').selectAll().where('provider_fax_id', '=', '999999').execute();
    assert.equal(stored.length, 0);
  });
});
