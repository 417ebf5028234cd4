/**
 * A clinic moves from Documo to Phaxio while a fax is still with Documo, and later rotates the key
 * that encrypts provider credentials at rest.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDocumoEmulator, type DocumoEmulator } from '../../emulators/documo/server';
import { startPhaxioEmulator, type PhaxioEmulator } from '../../emulators/phaxio/server';
import { createFakeClock } from '../../src/core/clock';
import { createSecretBox } from '../../src/db/secret-box';
import {
  emulatorFaxes,
  processProviderEvents,
  readFax,
  restartChartfax,
  sendChartEntry,
  settleAtProvider,
  startProviderChartfax,
  submitFax,
  type ProviderChartfax,
} from './provider-harness';

const KEY_A = 'first-secret-key-of-the-clinic-server-0001';
const KEY_B = 'second-secret-key-of-the-clinic-server-0002';
const clock = createFakeClock('2025-05-06T17:00:00Z');
let cf: ProviderChartfax;
let documo: DocumoEmulator;
let phaxio: PhaxioEmulator;

before(async () => {
  // Documo takes its time, so its webhooks for the first fax arrive after the switch to Phaxio.
  documo = await startDocumoEmulator({ stepDelayMs: 400 });
  phaxio = await startPhaxioEmulator({ stepDelayMs: 5 });
  cf = await startProviderChartfax({ clock, env: { CHARTFAX_SECRET_KEY: KEY_A } });
});
after(async () => {
  await documo.close();
  await phaxio.close();
});

async function connect(provider: string, credentials: Record<string, string>, defaultNumber: string) {
  const res = await cf.api('POST', '/api/integrations', cf.owner, { provider, credentials });
  assert.equal(res.status, 201, res.text);
  const numbers = await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber });
  assert.equal(numbers.status, 200, numbers.text);
  return res.json;
}

describe('switching from Documo to Phaxio', () => {
  test('the fax already with Documo completes through Documo; new faxes go to Phaxio', async () => {
    const documoConnection = await connect('documo', { apiKey: documo.apiKey, baseUrl: documo.baseUrl }, '+16045550199');
    const hook = await fetch(`${documo.url}/__emulator/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: documoConnection.webhookUrl,
        auth: {
          username: documoConnection.webhookCredentials.webhookUsername,
          password: documoConnection.webhookCredentials.webhookPassword,
        },
      }),
    });
    assert.equal(hook.status, 204);
    const first = await sendChartEntry(cf, '604-555-0142');
    const messageId = await submitFax(cf, first);

    const res = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'phaxio',
      credentials: { apiKey: phaxio.apiKey, apiSecret: phaxio.apiSecret, callbackToken: phaxio.callbackToken, baseUrl: phaxio.baseUrl },
    });
    assert.equal(res.status, 201, res.text);
    const settings = await cf.api('GET', '/api/integrations', cf.owner);
    assert.equal(settings.json.transport, 'phaxio');
    assert.equal(
      settings.json.sendingNumbers.defaultNumber,
      null,
      'Documo’s number cannot send through Phaxio, so it is no longer the default',
    );
    assert.equal((await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+16045550189' })).status, 200);
    assert.equal((await readFax(cf, first)).status, 'sending', 'still with Documo');

    // Documo finishes and posts to the (now inactive) Documo connection's webhook URL.
    await settleAtProvider(documo, messageId);
    await processProviderEvents(cf.t);
    const done = await readFax(cf, first);
    assert.equal(done.status, 'delivered');
    assert.equal(done.transport, 'documo');
    assert.equal(done.attempts[0].providerFaxId, messageId);
    const events = await cf.t.db.db.selectFrom('provider_webhook_events').selectAll().where('provider', '=', 'documo').execute();
    assert.ok(events.length >= 1 && events.every((e) => e.connection_id === documoConnection.id && e.outcome === 'applied'));

    const second = await sendChartEntry(cf, '604-555-0142');
    const phaxioId = await submitFax(cf, second);
    await settleAtProvider(phaxio, phaxioId);
    await processProviderEvents(cf.t);
    const sent = await readFax(cf, second);
    assert.equal(sent.transport, 'phaxio');
    assert.equal(sent.status, 'delivered');
    assert.equal((await emulatorFaxes(documo.url)).length, 1, 'Documo got only the first fax');
  });
});

describe('rotating CHARTFAX_SECRET_KEY', () => {
  test('after a restart with the new key (and the old one as previous) credentials are re-encrypted and still work', async () => {
    const sealedBefore = await cf.t.db.db
      .selectFrom('provider_connections')
      .select(['id', 'credentials_encrypted', 'webhook_secret_encrypted'])
      .orderBy('id')
      .execute();
    const boxB = createSecretBox(KEY_B);
    assert.ok(
      sealedBefore.every((c) => boxB.isStale(c.credentials_encrypted)),
      'sealed with key A',
    );

    cf = await restartChartfax(cf, { clock, env: { CHARTFAX_SECRET_KEY: KEY_B, CHARTFAX_PREVIOUS_SECRET_KEY: KEY_A } });
    const sealedAfter = await cf.t.db.db
      .selectFrom('provider_connections')
      .select(['id', 'credentials_encrypted', 'webhook_secret_encrypted'])
      .orderBy('id')
      .execute();
    assert.equal(sealedAfter.length, sealedBefore.length);
    for (const [i, row] of sealedAfter.entries()) {
      assert.equal(boxB.isStale(row.credentials_encrypted), false);
      assert.equal(boxB.isStale(row.webhook_secret_encrypted), false);
      assert.equal(
        boxB.open(row.credentials_encrypted),
        createSecretBox(KEY_A).open(sealedBefore[i]!.credentials_encrypted),
        'same credentials',
      );
    }
    assert.throws(() => createSecretBox(KEY_A).open(sealedAfter[0]!.credentials_encrypted), 'the old key alone no longer opens them');

    // Phaxio (credentials and callback token decrypted with key B) still sends and verifies callbacks.
    const id = await sendChartEntry(cf, '604-555-0142');
    const phaxioId = await submitFax(cf, id);
    await settleAtProvider(phaxio, phaxioId);
    await processProviderEvents(cf.t);
    assert.equal((await readFax(cf, id)).status, 'delivered');
  });
});
