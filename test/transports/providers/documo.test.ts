import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startDocumoEmulator, type DocumoEmulator } from '../../../emulators/documo/server';
import { ERROR_CATALOG } from '../../../src/core/errors';
import { createDocumoTransport } from '../../../src/transports/documo/documo-transport';
import { settleByPolling } from '../contract/transport-contract';
import { makeSubmission, makeTestDocument } from '../contract/test-document';
import { injectFault, receivedFaxes, rejectsWith, startWebhookSink, type WebhookSink } from './webhook-sink';

const WEBHOOK_AUTH = {
  username: 'chartfax-hook',
  password: 'b5b2c0f1d6f84a7c9e0e',
};

describe('Documo adapter against the emulator', () => {
  let emulator: DocumoEmulator;
  let sink: WebhookSink;
  const transport = () =>
    createDocumoTransport({
      baseUrl: emulator.baseUrl,
      apiKey: emulator.apiKey,
      timeoutMs: 300,
    });

  before(async () => {
    sink = await startWebhookSink('/webhooks/documo/t0ken');
    emulator = await startDocumoEmulator({
      stepDelayMs: 5,
      webhookUrl: sink.url,
      webhookAuth: WEBHOOK_AUTH,
    });
  });
  after(async () => {
    await emulator.close();
    await sink.close();
  });

  it('explains a rejected API key in plain words', async () => {
    const wrongKey = createDocumoTransport({
      baseUrl: emulator.baseUrl,
      apiKey: 'not-a-key',
    });
    const error = await rejectsWith(wrongKey.submit(makeSubmission({ toNumber: '+16045550101' })), 'account-error');
    assert.equal(error.userMessage, 'Documo rejected this API key — create a new one in the Documo portal under API Keys.');
    assert.equal(error.failure?.rawCode, 'HTTP 401');
    const check = await rejectsWith(wrongKey.verifyCredentials(), 'credentials-rejected');
    assert.match(check.userMessage, /create a new one in the Documo portal under API Keys/);
  });

  it('treats an ended trial as an account problem that is not retried', async () => {
    await injectFault(emulator.url, '403-trial-ended');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'account-error');
    assert.match(error.userMessage, /trial has ended/);
    assert.equal(ERROR_CATALOG['account-error'].retryable, false);
  });

  it('says how to fix a caller id Documo does not allow', async () => {
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
    assert.match(error.userMessage, /Settings → Fax numbers/);
    assert.equal(error.failure?.rawMessage, 'Caller ID is not allowed');
  });

  it('passes on the Retry-After of a 429', async () => {
    await injectFault(emulator.url, '429');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550101' })), 'rate-limited');
    assert.equal(error.failure?.retryAfterSeconds, 7);
  });

  it('after a 500 on an accepted fax, reports an outage and finds the fax by reference (no double send)', async () => {
    const submission = makeSubmission({ toNumber: '+16045550102' });
    const before = (await receivedFaxes(emulator.url)).length;
    await injectFault(emulator.url, 'accept-then-500');
    const error = await rejectsWith(transport().submit(submission), 'provider-outage');
    assert.equal(error.failure?.rawCode, 'HTTP 500');
    const found = await transport().findByReference(submission.reference, submission.attempt);
    assert.ok(found, 'the accepted fax is found');
    const faxes = await receivedFaxes(emulator.url);
    assert.equal(faxes.length, before + 1, 'Documo received the fax exactly once');
    assert.equal(faxes.at(-1)?.id, found.providerFaxId);
  });

  it('turns a request that never gets an answer into a provider outage', async () => {
    await injectFault(emulator.url, 'timeout');
    const error = await rejectsWith(transport().submit(makeSubmission({ toNumber: '+16045550103' })), 'provider-outage');
    assert.equal(error.failure?.rawCode, 'timeout');
  });

  it('turns a 500 on a status read into a provider outage', async () => {
    await injectFault(emulator.url, '500');
    await rejectsWith(transport().getStatus('0f0e0d0c-0000-4000-8000-000000000000'), 'provider-outage');
  });

  it('verifies credentials: account name and fax numbers', async () => {
    const account = await transport().verifyCredentials();
    assert.equal(account.accountName, emulator.accountName);
    assert.deepEqual(account.numbers, emulator.numbers);
    assert.deepEqual(await transport().listNumbers(), emulator.numbers);
  });

  it('reports an unreachable Documo as provider-unreachable when checking credentials', async () => {
    const closed = await startDocumoEmulator();
    const url = closed.baseUrl;
    await closed.close();
    const offline = createDocumoTransport({ baseUrl: url, apiKey: 'k' });
    const error = await rejectsWith(offline.verifyCredentials(), 'provider-unreachable');
    assert.match(error.userMessage, /could not be reached/);
    await rejectsWith(offline.submit(makeSubmission({ toNumber: '+16045550101' })), 'provider-outage');
  });

  it('reports a call dropped after page 1 as a partial line failure', async () => {
    const adapter = transport();
    const report = await adapter.submit(
      makeSubmission({
        toNumber: '+16045550153',
        document: makeTestDocument(3),
      }),
    );
    const final = await settleByPolling(adapter, report);
    assert.equal(final.status, 'partially-delivered');
    assert.equal(final.pagesTransmitted, 1);
    assert.equal(final.failure?.cause, 'line-failure');
  });

  describe('webhooks', () => {
    it('accepts a webhook with the generated Basic credentials and refuses others', async () => {
      const start = sink.received.length;
      const submission = makeSubmission({ toNumber: '+16045550104' });
      const accepted = await transport().submit(submission);
      const [webhook] = (await sink.waitFor(start + 1)).slice(start);
      assert.ok(webhook);
      const events = await transport().parseWebhook(sink.asRequest(webhook, { basicAuth: WEBHOOK_AUTH }));
      assert.equal(events.length, 1);
      assert.equal(events[0]?.providerFaxId, accepted.providerFaxId);
      assert.equal(events[0]?.reference, submission.reference);
      assert.equal(events[0]?.report.status, 'delivered');
      assert.equal(events[0]?.report.pagesTransmitted, 2);

      await rejectsWith(
        transport().parseWebhook(
          sink.asRequest(webhook, {
            basicAuth: { ...WEBHOOK_AUTH, password: 'wrong' },
          }),
        ),
        'unauthenticated',
      );
      await rejectsWith(transport().parseWebhook(sink.asRequest(webhook)), 'unauthenticated');
      await rejectsWith(
        transport().parseWebhook({
          ...sink.asRequest(webhook, { basicAuth: WEBHOOK_AUTH }),
          headers: { 'content-type': 'application/json' },
        }),
        'unauthenticated',
      );
    });

    it('gives duplicated webhooks the same event id', async () => {
      const start = sink.received.length;
      await injectFault(emulator.url, 'duplicate-webhooks');
      await transport().submit(makeSubmission({ toNumber: '+16045550105' }));
      const pair = (await sink.waitFor(start + 2)).slice(start, start + 2);
      const events = await Promise.all(pair.map((w) => transport().parseWebhook(sink.asRequest(w, { basicAuth: WEBHOOK_AUTH }))));
      assert.equal(events[0]?.[0]?.eventId, events[1]?.[0]?.eventId);
    });

    it('reads legacy multipart webhooks delivered out of order, one stable id per state', async () => {
      const legacySink = await startWebhookSink('/webhooks/documo/legacy');
      const legacy = await startDocumoEmulator({
        stepDelayMs: 5,
        webhookUrl: legacySink.url,
        webhookAuth: WEBHOOK_AUTH,
        webhookFormat: 'legacy',
      });
      try {
        const adapter = createDocumoTransport({
          baseUrl: legacy.baseUrl,
          apiKey: legacy.apiKey,
        });
        await injectFault(legacy.url, 'reorder-webhooks');
        const submission = makeSubmission({ toNumber: '+16045550150' });
        await adapter.submit(submission);
        const hooks = await legacySink.waitFor(2);
        const events = (
          await Promise.all(hooks.map((w) => adapter.parseWebhook(legacySink.asRequest(w, { basicAuth: WEBHOOK_AUTH }))))
        ).flat();
        assert.deepEqual(
          events.map((e) => e.report.status),
          ['failed', 'sending'],
          'the final state arrived first',
        );
        assert.equal(events[0]?.report.failure?.cause, 'busy');
        assert.equal(events[0]?.report.failure?.rawCode, '6100');
        assert.notEqual(events[0]?.eventId, events[1]?.eventId);
        const again = await adapter.parseWebhook(legacySink.asRequest(hooks[0]!, { basicAuth: WEBHOOK_AUTH }));
        assert.equal(again[0]?.eventId, events[0]?.eventId);
      } finally {
        await legacy.close();
        await legacySink.close();
      }
    });

    it('returns an event the engine can ignore for a fax Chartfax never sent', async () => {
      const body = JSON.stringify({
        event: 'fax.v1.outbound.complete',
        data: {
          messageId: '9a1c2b3d-0000-4000-8000-00000000abcd',
          status: 'success',
          pagesCount: 1,
          pagesComplete: 1,
          tags: [],
        },
      });
      const header = `Basic ${Buffer.from(`${WEBHOOK_AUTH.username}:${WEBHOOK_AUTH.password}`).toString('base64')}`;
      const events = await transport().parseWebhook({
        headers: { 'content-type': 'application/json', authorization: header },
        rawBody: Buffer.from(body),
        url: sink.url,
        basicAuth: WEBHOOK_AUTH,
      });
      assert.equal(events.length, 1);
      assert.equal(events[0]?.providerFaxId, '9a1c2b3d-0000-4000-8000-00000000abcd');
      assert.equal(events[0]?.reference, null);
      const numberEvent = await transport().parseWebhook({
        headers: { 'content-type': 'application/json', authorization: header },
        rawBody: Buffer.from(JSON.stringify({ event: 'fax.v1.number.add', data: { id: 'n1' } })),
        url: sink.url,
        basicAuth: WEBHOOK_AUTH,
      });
      assert.deepEqual(numberEvent, []);
    });
  });
});
