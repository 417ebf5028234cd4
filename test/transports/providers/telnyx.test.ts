import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startTelnyxEmulator, type TelnyxEmulator } from '../../../emulators/telnyx/server';
import { createTelnyxTransport } from '../../../src/transports/telnyx/telnyx-transport';
import { makeSubmission } from '../contract/test-document';
import { injectFault, receivedFaxes, rejectsWith, startWebhookSink, type WebhookSink } from './webhook-sink';

describe('Telnyx adapter against the emulator', () => {
  let emulator: TelnyxEmulator;
  let sink: WebhookSink;
  const transport = (
    overrides: {
      connectionId?: string;
      now?: () => Date;
      webhookPublicKey?: string;
    } = {},
  ) =>
    createTelnyxTransport({
      baseUrl: emulator.baseUrl,
      apiKey: emulator.apiKey,
      connectionId: overrides.connectionId ?? emulator.connectionId,
      webhookPublicKey: overrides.webhookPublicKey ?? emulator.webhookPublicKey,
      defaultFromNumber: emulator.numbers[0]?.number ?? null,
      webhookUrl: sink.url,
      timeoutMs: 300,
      now: overrides.now,
    });

  before(async () => {
    sink = await startWebhookSink('/webhooks/telnyx/t0ken');
    emulator = await startTelnyxEmulator({ stepDelayMs: 5 });
  });
  after(async () => {
    await emulator.close();
    await sink.close();
  });

  it('verifies credentials: application name and its numbers; a wrong application id says where to look', async () => {
    const account = await transport().verifyCredentials();
    assert.equal(account.accountName, 'Chartfax (emulated)');
    assert.deepEqual(
      account.numbers.map((n) => n.number),
      emulator.numbers.map((n) => n.number),
    );
    const error = await rejectsWith(transport({ connectionId: '42' }).verifyCredentials(), 'credentials-rejected');
    assert.match(error.userMessage, /Fax Applications/);
  });

  it('explains a rejected API key', async () => {
    await injectFault(emulator.url, '401');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'account-error');
    assert.match(error.userMessage, /Telnyx rejected this API key/);
  });

  it('refuses a from number that is not on the account', async () => {
    const error = await rejectsWith(
      transport().submit(
        makeSubmission({
          toNumber: '+16045550101',
          fromNumber: '+12125550123',
        }),
      ),
      'caller-id-not-allowed',
    );
    assert.match(error.userMessage, /\+12125550123/);
  });

  it('passes on the Retry-After of a 429', async () => {
    await injectFault(emulator.url, '429');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'rate-limited');
    assert.equal(error.failure?.retryAfterSeconds, 7);
  });

  it('after a 500 on an accepted fax, finds it by reference (no double send)', async () => {
    const submission = makeSubmission({ toNumber: '+16045550102' });
    const before = (await receivedFaxes(emulator.url)).length;
    await injectFault(emulator.url, 'accept-then-500');
    await rejectsWith(transport().submit(submission), 'provider-outage');
    const found = await transport().findByReference(submission.reference, 1);
    assert.ok(found);
    assert.equal((await receivedFaxes(emulator.url)).length, before + 1);
  });

  it('turns a timeout into a provider outage', async () => {
    await injectFault(emulator.url, 'timeout');
    await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'provider-outage');
  });

  it('accepts signed webhooks, refuses forged and stale ones', async () => {
    const start = sink.received.length;
    const submission = makeSubmission({ toNumber: '+16045550151' });
    const accepted = await transport().submit(submission);
    const hooks = (await sink.waitFor(start + 4)).slice(start, start + 4);
    const events = (await Promise.all(hooks.map((w) => transport().parseWebhook(sink.asRequest(w))))).flat();
    assert.deepEqual(
      events.map((e) => e.report.status),
      ['accepted', 'accepted', 'sending', 'failed'],
    );
    const final = events[3];
    assert.equal(final?.providerFaxId, accepted.providerFaxId);
    assert.equal(final?.reference, submission.reference);
    assert.equal(final?.report.failure?.cause, 'no-answer');
    assert.equal(final?.report.failure?.rawCode, 'receiver_no_answer');
    assert.equal(new Set(events.map((e) => e.eventId)).size, 4);

    const webhook = hooks[3]!;
    const tampered = Buffer.from(webhook.rawBody.toString('utf8').replace('receiver_no_answer', 'user_busy'));
    await rejectsWith(transport().parseWebhook(sink.asRequest(webhook, { rawBody: tampered })), 'unauthenticated');

    const later = () => new Date(Date.now() + 10 * 60_000);
    const stale = await rejectsWith(transport({ now: later }).parseWebhook(sink.asRequest(webhook)), 'unauthenticated');
    assert.match(stale.userMessage, /too long ago/);

    const other = await startTelnyxEmulator();
    await other.close();
    await rejectsWith(transport({ webhookPublicKey: other.webhookPublicKey }).parseWebhook(sink.asRequest(webhook)), 'unauthenticated');
  });

  it('keeps event ids stable across duplicates and reordering', async () => {
    const start = sink.received.length;
    await injectFault(emulator.url, 'duplicate-webhooks');
    await injectFault(emulator.url, 'reorder-webhooks');
    await transport().submit(makeSubmission({ toNumber: '+16045550107' }));
    const hooks = (await sink.waitFor(start + 8)).slice(start, start + 8);
    const events = (await Promise.all(hooks.map((w) => transport().parseWebhook(sink.asRequest(w))))).flat();
    assert.equal(events[0]?.report.status, 'delivered', 'the final event came first');
    assert.equal(new Set(events.map((e) => e.eventId)).size, 4, 'eight deliveries, four distinct events');
  });

  it('ignores non-fax events and returns an ignorable event for an unknown fax', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = (body: string) => ({
      headers: {
        'content-type': 'application/json',
        'telnyx-timestamp': String(timestamp),
        'telnyx-signature-ed25519': emulator.signWebhook(body, timestamp),
      },
      rawBody: Buffer.from(body),
      url: sink.url,
    });
    const call = JSON.stringify({
      data: {
        id: 'e1',
        event_type: 'call.initiated',
        payload: { call_control_id: 'x' },
      },
    });
    assert.deepEqual(await transport().parseWebhook(signed(call)), []);
    const unknown = JSON.stringify({
      data: {
        id: 'e2',
        event_type: 'fax.delivered',
        occurred_at: new Date().toISOString(),
        payload: { fax_id: 'f-unknown', page_count: 1 },
      },
    });
    const events = await transport().parseWebhook(signed(unknown));
    assert.equal(events[0]?.providerFaxId, 'f-unknown');
    assert.equal(events[0]?.reference, null);
    assert.equal(events[0]?.eventId, 'telnyx:e2');
  });
});
