import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startDocumoEmulator, type DocumoEmulator } from '../../../emulators/documo/server';
import type { FaxTransport } from '../../../src/core/transport';
import { parseRetryAfterSeconds } from '../../../src/transports/http/provider-http';
import {
  PROVIDERS,
  createProviderTransport,
  createTransportRegistry,
  parseProviderWebhook,
  verifyProviderCredentials,
} from '../../../src/transports/registry';
import { makeSubmission } from '../contract/test-document';
import { rejectsWith, startWebhookSink, type WebhookSink } from './webhook-sink';

describe('transport registry', () => {
  let emulator: DocumoEmulator;
  let sink: WebhookSink;
  const hookAuth = { username: 'cf-7', password: 'generated-secret-7' };

  before(async () => {
    sink = await startWebhookSink('/webhooks/documo/abc');
    emulator = await startDocumoEmulator({
      stepDelayMs: 5,
      webhookUrl: sink.url,
      webhookAuth: hookAuth,
    });
  });
  after(async () => {
    await emulator.close();
    await sink.close();
  });

  it('describes every provider for the settings screen, secrets flagged', () => {
    assert.deepEqual(
      PROVIDERS.map((p) => [p.id, p.webhookAuth]),
      [
        ['documo', 'basic'],
        ['phaxio', 'signature'],
        ['telnyx', 'signature'],
      ],
    );
    for (const provider of PROVIDERS) {
      const apiKey = provider.credentialFields.find((f) => f.key === 'apiKey');
      assert.ok(apiKey?.required, `${provider.id} asks for an API key`);
      assert.ok(
        provider.credentialFields.every((f) => f.help.length > 20),
        `${provider.id} explains each field`,
      );
      assert.ok(
        provider.credentialFields.some((f) => f.secret),
        `${provider.id} flags its secrets`,
      );
    }
  });

  it('names every missing credential at once', async () => {
    const error = await rejectsWith<{ fields: Record<string, string> }>(
      Promise.resolve().then(() => createProviderTransport('telnyx', { apiKey: 'k' })),
      'validation-failed',
    );
    assert.deepEqual(Object.keys(error.fields).sort(), ['connectionId', 'webhookPublicKey']);
  });

  it('verifies Documo credentials and parses its webhooks with the stored Basic pair', async () => {
    const credentials = {
      apiKey: emulator.apiKey,
      baseUrl: emulator.baseUrl,
      ...{
        webhookUsername: hookAuth.username,
        webhookPassword: hookAuth.password,
      },
    };
    const account = await verifyProviderCredentials('documo', credentials);
    assert.equal(account.accountName, emulator.accountName);

    const submission = makeSubmission({ toNumber: '+16045550108' });
    await createProviderTransport('documo', credentials).submit(submission);
    const [webhook] = await sink.waitFor(1);
    const events = await parseProviderWebhook('documo', credentials, sink.asRequest(webhook!));
    assert.equal(events[0]?.reference, submission.reference);
    await rejectsWith(
      parseProviderWebhook('documo', { ...credentials, webhookPassword: 'other' }, sink.asRequest(webhook!)),
      'unauthenticated',
    );
  });

  it('hands out the test line only when one was registered', () => {
    const registry = createTransportRegistry();
    assert.throws(() => registry.getTransport('test-line'), {
      code: 'not-configured',
    });
    const testLine = { id: 'test-line' } as FaxTransport;
    assert.equal(createTransportRegistry({ testLine }).getTransport('test-line'), testLine);
    assert.equal(
      registry.getTransport('documo', {
        apiKey: 'k',
        webhookUsername: 'u',
        webhookPassword: 'p',
      }).id,
      'documo',
    );
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    assert.equal(parseRetryAfterSeconds('120', now), 120);
    assert.equal(parseRetryAfterSeconds('Sat, 01 Mar 2025 12:00:30 GMT', now), 30);
    assert.equal(parseRetryAfterSeconds('Sat, 01 Mar 2025 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterSeconds('soon', now), undefined);
    assert.equal(parseRetryAfterSeconds(null, now), undefined);
  });
});
