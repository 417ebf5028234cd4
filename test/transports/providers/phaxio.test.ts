import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startPhaxioEmulator, type PhaxioEmulator } from '../../../emulators/phaxio/server';
import { createPhaxioTransport } from '../../../src/transports/phaxio/phaxio-transport';
import { makeSubmission } from '../contract/test-document';
import { injectFault, receivedFaxes, rejectsWith, startWebhookSink, type WebhookSink } from './webhook-sink';

describe('Phaxio adapter against the emulator', () => {
  let emulator: PhaxioEmulator;
  let sink: WebhookSink;
  const transport = (overrides: { callbackToken?: string; apiSecret?: string } = {}) =>
    createPhaxioTransport({
      baseUrl: emulator.baseUrl,
      apiKey: emulator.apiKey,
      apiSecret: overrides.apiSecret ?? emulator.apiSecret,
      callbackToken: overrides.callbackToken ?? emulator.callbackToken,
      callbackUrl: sink.url,
      timeoutMs: 300,
    });

  before(async () => {
    sink = await startWebhookSink('/webhooks/phaxio/t0ken?clinic=7');
    emulator = await startPhaxioEmulator({ stepDelayMs: 5 });
  });
  after(async () => {
    await emulator.close();
    await sink.close();
  });

  it('explains rejected credentials', async () => {
    const wrong = transport({ apiSecret: 'wrong' });
    const error = await rejectsWith(wrong.submit(makeSubmission({ toNumber: '+16045550101' })), 'account-error');
    assert.match(error.userMessage, /Phaxio rejected this API key and secret/);
    await rejectsWith(wrong.verifyCredentials(), 'credentials-rejected');
  });

  it('verifies credentials with the account’s numbers', async () => {
    const account = await transport().verifyCredentials();
    assert.match(account.accountName, /Phaxio/);
    assert.deepEqual(
      account.numbers.map((n) => n.number),
      emulator.numbers.map((n) => n.number),
    );
  });

  it('refuses a caller id the account does not own, saying how to fix it', async () => {
    const error = await rejectsWith(
      transport().submit(
        makeSubmission({
          toNumber: '+16045550101',
          fromNumber: '+12125550123',
        }),
      ),
      'caller-id-not-allowed',
    );
    assert.match(error.userMessage, /Settings → Fax numbers/);
  });

  it('passes on the Retry-After of a 429', async () => {
    await injectFault(emulator.url, '429');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'rate-limited');
    assert.equal(error.failure?.retryAfterSeconds, 7);
  });

  it('after a 500 on an accepted fax, finds it by reference (no double send)', async () => {
    const submission = makeSubmission({ toNumber: '+16045550102', attempt: 2 });
    const before = (await receivedFaxes(emulator.url)).length;
    await injectFault(emulator.url, 'accept-then-500');
    await rejectsWith(transport().submit(submission), 'provider-outage');
    const found = await transport().findByReference(submission.reference, 2);
    assert.ok(found);
    assert.equal(await transport().findByReference(submission.reference, 1), null);
    assert.equal((await receivedFaxes(emulator.url)).length, before + 1);
  });

  it('turns a timeout into a provider outage', async () => {
    await injectFault(emulator.url, 'timeout');
    await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'provider-outage');
  });

  it('accepts a correctly signed callback and refuses a forged one', async () => {
    const start = sink.received.length;
    const submission = makeSubmission({ toNumber: '+16045550150' });
    const accepted = await transport().submit(submission);
    const [webhook] = (await sink.waitFor(start + 1)).slice(start);
    assert.ok(webhook);
    assert.match(webhook.url, /\?clinic=7$/, 'the signed URL includes the query string');
    const events = await transport().parseWebhook(sink.asRequest(webhook));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.providerFaxId, accepted.providerFaxId);
    assert.equal(events[0]?.reference, submission.reference);
    assert.equal(events[0]?.report.status, 'failed');
    assert.equal(events[0]?.report.failure?.cause, 'busy');
    assert.equal(events[0]?.report.failure?.rawCode, 'lineError:17');

    await rejectsWith(transport({ callbackToken: 'other-token' }).parseWebhook(sink.asRequest(webhook)), 'unauthenticated');
    const tampered = Buffer.from(webhook.rawBody.toString('latin1').replace('"failure"', '"success"'), 'latin1');
    await rejectsWith(transport().parseWebhook(sink.asRequest(webhook, { rawBody: tampered })), 'unauthenticated');
    await rejectsWith(transport().parseWebhook(sink.asRequest(webhook, { url: `${webhook.url}&x=1` })), 'unauthenticated');
    const { ['x-phaxio-signature']: _removed, ...unsigned } = webhook.headers;
    await rejectsWith(transport().parseWebhook(sink.asRequest(webhook, { headers: unsigned })), 'unauthenticated');
  });

  it('gives duplicated callbacks the same event id', async () => {
    const start = sink.received.length;
    await injectFault(emulator.url, 'duplicate-webhooks');
    await transport().submit(makeSubmission({ toNumber: '+16045550106' }));
    const pair = (await sink.waitFor(start + 2)).slice(start, start + 2);
    const events = await Promise.all(pair.map((w) => transport().parseWebhook(sink.asRequest(w))));
    assert.equal(events[0]?.[0]?.eventId, events[1]?.[0]?.eventId);
    assert.equal(events[0]?.[0]?.report.status, 'delivered');
  });
});
