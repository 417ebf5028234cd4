/**
 * Documo end to end, as a clinic lives it: the owner connects the account in Settings, the front desk
 * faxes a chart entry, Documo (its emulator) posts webhooks to Chartfax's real webhook URL, and the
 * fax history shows what happened — including when Documo misbehaves.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startDocumoEmulator, type DocumoEmulator } from '../../emulators/documo/server';
import { createFakeClock } from '../../src/core/clock';
import { advanceFax, reconcileFax, UNKNOWN_OUTCOME_RECHECK_MS } from '../../src/jobs/fax-engine';
import {
  clearFaults,
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
/** Chartfax gives up on a silent provider after this long, so the 'timeout' fault stays quick. */
const PROVIDER_DEADLINE_MS = 1500;
const deadlineFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    signal: init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(PROVIDER_DEADLINE_MS)])
      : AbortSignal.timeout(PROVIDER_DEADLINE_MS),
  });

let cf: ProviderChartfax;
let emulator: DocumoEmulator;
let webhookUrl: string;
let webhookAuth: { username: string; password: string };

before(async () => {
  emulator = await startDocumoEmulator({ stepDelayMs: 5 });
  cf = await startProviderChartfax({ clock, fetch: deadlineFetch });
});
after(async () => {
  await emulator.close();
});

const engine = () => cf.t.chartfax.engine;
const db = () => cf.t.db.db;

async function useWebhookFormat(format: 'json' | 'legacy'): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: webhookUrl, auth: webhookAuth, format }),
  });
  assert.equal(response.status, 204);
}

const sendFax = (faxNumber: string) => sendChartEntry(cf, faxNumber);
const getFax = (id: string) => readFax(cf, id);

/** Front desk sends; the engine submits to Documo; returns Chartfax's fax id and Documo's messageId. */
async function sendAndSubmit(faxNumber: string): Promise<{ id: string; messageId: string }> {
  const id = await sendFax(faxNumber);
  return { id, messageId: await submitFax(cf, id) };
}

/** Everything Documo does with the fax happens, its webhooks reach Chartfax, and the worker applies them. */
async function letDocumoFinish(messageId: string): Promise<void> {
  await settleAtProvider(emulator, messageId);
  await processProviderEvents(cf.t);
}

async function faxesAtDocumoFor(reference: string) {
  return (await emulatorFaxes(emulator.url)).filter((fax) => JSON.stringify(fax.tags).includes(`chartfax:${reference}:`));
}

function postWebhook(body: unknown, auth: { username: string; password: string } | null, url = webhookUrl) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('connecting Documo in Settings → Integrations', () => {
  test('front desk cannot see or change the integration', async () => {
    assert.equal((await cf.api('GET', '/api/integrations', cf.desk)).status, 403);
    const res = await cf.api('POST', '/api/integrations', cf.desk, {
      provider: 'documo',
      credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
    });
    assert.equal(res.status, 403);
  });

  test('a wrong API key is refused in plain words and nothing is saved', async () => {
    const res = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'documo',
      credentials: { apiKey: 'revoked-key-0000', baseUrl: emulator.baseUrl },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.error.code, 'credentials-rejected');
    assert.equal(res.json.error.message, 'Documo rejected this API key — create a new one in the Documo portal under API Keys.');
    assert.equal((await db().selectFrom('provider_connections').selectAll().execute()).length, 0);
  });

  test('an unreachable Documo is a clear 502 and nothing is saved', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const res = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'documo',
      credentials: { apiKey: emulator.apiKey, baseUrl: closed },
    });
    assert.equal(res.status, 502, res.text);
    assert.equal(res.json.error.code, 'provider-unreachable');
    assert.match(res.json.error.message, /Documo could not be reached/);
    assert.equal((await db().selectFrom('provider_connections').selectAll().execute()).length, 0);
  });

  test('the right key connects: account name and numbers shown, the key never again', async () => {
    const res = await cf.api('POST', '/api/integrations', cf.owner, {
      provider: 'documo',
      credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.accountName, emulator.accountName);
    assert.deepEqual(res.json.numbers, emulator.numbers);
    assert.equal(res.json.webhookUrl.startsWith(`${cf.url}/webhooks/documo/`), true);
    assert.ok(
      res.json.webhookCredentials.webhookUsername && res.json.webhookCredentials.webhookPassword,
      'Basic credentials to paste into Documo',
    );
    webhookUrl = res.json.webhookUrl;
    webhookAuth = { username: res.json.webhookCredentials.webhookUsername, password: res.json.webhookCredentials.webhookPassword };
    // The clinic pastes the URL and the Basic pair into Documo's webhook settings.
    await useWebhookFormat('json');

    const listed = await cf.api('GET', '/api/integrations', cf.owner);
    assert.equal(listed.status, 200);
    assert.equal(listed.json.transport, 'documo');
    assert.equal(listed.json.active.accountName, emulator.accountName);
    assert.equal(listed.text.includes(emulator.apiKey), false, 'the API key is never sent back');
    assert.equal(listed.text.includes(webhookAuth.password), false, 'nor the webhook password');

    const row = await db().selectFrom('provider_connections').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.credentials_encrypted.includes(emulator.apiKey), false, 'stored encrypted');
    assert.equal(row.webhook_secret_encrypted.includes(webhookAuth.password), false);
  });

  test('the default sending number must be one of the account’s numbers', async () => {
    const wrong = await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '+1 604 555 0177' });
    assert.equal(wrong.status, 400, wrong.text);
    assert.match(wrong.json.error.fields.defaultNumber, /not one of the numbers/);
    const right = await cf.api('PUT', '/api/integrations/sending-numbers', cf.owner, { defaultNumber: '604-555-0199' });
    assert.equal(right.status, 200, right.text);
    assert.equal(right.json.defaultNumber, '+16045550199');
  });
});

describe('sending through Documo', () => {
  test('a chart entry is delivered: webhook → delivered, with Documo’s id, usage and disclosure', async () => {
    const { id, messageId } = await sendAndSubmit('(604) 555-0142');
    const atDocumo = (await emulatorFaxes(emulator.url)).find((fax) => fax.id === messageId);
    assert.equal(atDocumo?.to, '+16045550142');
    assert.equal((atDocumo as { from?: string }).from, '16045550199', 'sent from the chosen number');

    await letDocumoFinish(messageId);
    const fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.transport, 'documo');
    assert.equal(fax.attempts.length, 1);
    assert.equal(fax.attempts[0].providerFaxId, messageId);
    assert.equal(fax.attempts[0].status, 'delivered');
    assert.equal(fax.pagesDelivered, fax.pageCount);

    const usage = await db().selectFrom('usage_records').selectAll().where('fax_id', '=', id).execute();
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.pages, fax.pageCount);
    const disclosure = await db().selectFrom('disclosures').selectAll().where('fax_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(disclosure.recipient_fax_number, '+16045550142');
    const events = await db().selectFrom('provider_webhook_events').selectAll().where('provider_fax_id', '=', messageId).execute();
    assert.ok(events.length >= 1);
    assert.ok(
      events.every((e) => e.outcome !== null && e.fax_id === id),
      'every event is applied to this fax',
    );
  });

  test('a busy line waits to retry and says when', async () => {
    const { id, messageId } = await sendAndSubmit('604-555-0150');
    await letDocumoFinish(messageId);
    const fax = await getFax(id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.attempts[0].cause, 'busy');
    assert.equal(fax.attempts[0].rawCode, '6100');
    assert.match(fax.attempts[0].explanation, /^The line was busy\. Chartfax will try again at \d{1,2}:\d{2} [AP]M\.$/);
    assert.equal(fax.nextAttemptAt, new Date(clock.now().getTime() + 3 * 60_000).toISOString());
  });

  test('a document Documo rejects (5000 series) fails and is never sent again', async () => {
    const { id, messageId } = await sendAndSubmit('604-555-0157');
    await letDocumoFinish(messageId);
    let fax = await getFax(id);
    assert.equal(fax.status, 'failed');
    assert.equal(fax.failure.cause, 'document-error');
    assert.equal(fax.attempts[0].rawCode, '5200');
    assert.equal(fax.nextAttemptAt, null);
    clock.advance(30 * 60_000);
    await advanceFax(engine(), id);
    fax = await getFax(id);
    assert.equal(fax.attempts.length, 1);
    assert.equal((await faxesAtDocumoFor(fax.reference)).length, 1, 'Documo got it once');
  });

  test('429 with Retry-After: the retry waits at least as long as Documo asked', async () => {
    // The clinic retries rate limits after 3 s; Documo asks for 7 s, so Documo's wait wins.
    await db()
      .updateTable('clinic_fax_settings')
      .set({ retry_policy: JSON.stringify({ rateLimited: { intervalMinutes: 0.05, maxAttempts: 5 } }) })
      .where('clinic_id', '=', cf.clinic.clinicId)
      .execute();
    await injectFault(emulator.url, '429');
    const id = await sendFax('604-555-0142');
    const refusedAt = clock.now().getTime();
    await advanceFax(engine(), id);
    let fax = await getFax(id);
    assert.equal(fax.status, 'waiting-to-retry');
    assert.equal(fax.attempts[0].cause, 'rate-limited');
    assert.equal(fax.nextAttemptAt, new Date(refusedAt + 7_000).toISOString());

    clock.advance(6_000);
    await advanceFax(engine(), id);
    assert.equal((await getFax(id)).attempts.length, 1, 'not before Retry-After');
    clock.advance(1_000);
    await advanceFax(engine(), id);
    fax = await getFax(id);
    assert.equal(fax.attempts.length, 2);
    await letDocumoFinish(fax.attempts[1].providerFaxId);
    assert.equal((await getFax(id)).status, 'delivered');
  });

  test('Documo accepts but answers 500: Chartfax looks the fax up and never sends it twice', async () => {
    await injectFault(emulator.url, 'accept-then-500');
    const id = await sendFax('604-555-0142');
    await advanceFax(engine(), id);
    let fax = await getFax(id);
    assert.equal(fax.attempts[0].status, 'unknown');
    assert.notEqual(fax.status, 'failed');
    const [atDocumo] = await faxesAtDocumoFor(fax.reference);
    assert.ok(atDocumo, 'Documo has it');
    // Documo's webhooks arrive before Chartfax knows Documo's id for the attempt: kept, not applied.
    await letDocumoFinish(atDocumo.id);

    // A second job before the recheck, then the recheck itself.
    clock.advance(UNKNOWN_OUTCOME_RECHECK_MS);
    await advanceFax(engine(), id);
    await advanceFax(engine(), id);
    fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts.length, 1);
    assert.equal(fax.attempts[0].providerFaxId, atDocumo.id);
    assert.equal((await faxesAtDocumoFor(fax.reference)).length, 1, 'submitted exactly once');
  });

  test('Documo never answers: the attempt is looked up before anything is sent again', async () => {
    await injectFault(emulator.url, 'timeout');
    const id = await sendFax('604-555-0142');
    await advanceFax(engine(), id);
    let fax = await getFax(id);
    assert.equal(fax.attempts[0].status, 'unknown');
    // Until the recheck is due, nothing is sent.
    assert.equal((await faxesAtDocumoFor(fax.reference)).length, 0);
    clock.advance(UNKNOWN_OUTCOME_RECHECK_MS);
    await advanceFax(engine(), id); // look-up: Documo never got it
    fax = await getFax(id);
    assert.equal(fax.attempts[0].status, 'failed');
    assert.equal(fax.attempts[0].rawCode, 'interrupted');
    await advanceFax(engine(), id); // and only now the fax is sent again
    fax = await getFax(id);
    assert.equal(fax.attempts.length, 2);
    await letDocumoFinish(fax.attempts[1].providerFaxId);
    fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal((await faxesAtDocumoFor(fax.reference)).length, 1);
  });
});

describe('Documo webhooks', () => {
  test('duplicated and reordered webhooks change the status once, and a late "processing" changes nothing', async () => {
    await useWebhookFormat('legacy'); // every status change, as "fax.outbound.extended"
    try {
      await injectFault(emulator.url, 'duplicate-webhooks');
      await injectFault(emulator.url, 'reorder-webhooks');
      const { id, messageId } = await sendAndSubmit('604-555-0142');
      await letDocumoFinish(messageId);
      let fax = await getFax(id);
      assert.equal(fax.status, 'delivered');

      // Each distinct event is stored once however often it came.
      const events = await db().selectFrom('provider_webhook_events').selectAll().where('provider_fax_id', '=', messageId).execute();
      assert.equal(events.length, 2, 'transmitting and success, once each');
      assert.deepEqual(events.map((e) => e.outcome).sort(), ['applied', 'stale']);

      // Documo retries an old "processing" event much later.
      const boundary = 'late-processing';
      const late = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          authorization: `Basic ${Buffer.from(`${webhookAuth.username}:${webhookAuth.password}`).toString('base64')}`,
        },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ messageId, status: 'processing', direction: 'outbound', pagesCount: fax.pageCount, pagesComplete: 0 })}\r\n--${boundary}--\r\n`,
      });
      assert.equal(late.status, 200);
      await processProviderEvents(cf.t);
      fax = await getFax(id);
      assert.equal(fax.status, 'delivered');
      assert.equal(fax.attempts[0].status, 'delivered');
      const history = await db().selectFrom('patient_history').selectAll().where('fax_id', '=', id).execute();
      assert.equal(history.length, 1, 'one entry in the patient’s history');
      const usage = await db().selectFrom('usage_records').selectAll().where('fax_id', '=', id).execute();
      assert.equal(usage.length, 1, 'pages counted once');
    } finally {
      await useWebhookFormat('json');
    }
  });

  test('a webhook with the wrong Basic password is refused with 401 and changes nothing', async () => {
    const { id, messageId } = await sendAndSubmit('604-555-0142');
    // Someone who knows the webhook address but not the password claims the fax failed.
    const forged = {
      event: 'fax.v1.outbound.complete',
      messageId,
      data: { messageId, status: 'failed', resultCode: '6100', resultInfo: 'Fax Number Busy', direction: 'outbound' },
    };
    assert.equal((await postWebhook(forged, { ...webhookAuth, password: 'guessed-password' })).status, 401);
    assert.equal((await postWebhook(forged, null)).status, 401);
    assert.equal((await postWebhook(forged, webhookAuth, webhookUrl.replace(/\/[^/]+$/, '/not-our-token'))).status, 404);
    await letDocumoFinish(messageId);
    const fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts.length, 1);
    const events = await db().selectFrom('provider_webhook_events').selectAll().where('provider_fax_id', '=', messageId).execute();
    assert.ok(events.length >= 1);
    for (const event of events)
      assert.equal((event.payload as { report: { status: string } }).report.status, 'delivered', 'only Documo’s own webhooks were stored');
  });

  test('a webhook about a fax Chartfax never sent is kept as "unknown-fax" and changes nothing', async () => {
    const faxesBefore = await db().selectFrom('faxes').select(['id', 'status']).orderBy('id').execute();
    const stranger = randomUUID();
    const res = await postWebhook(
      {
        event: 'fax.v1.outbound.complete',
        messageId: stranger,
        data: { messageId: stranger, status: 'success', direction: 'outbound', pagesCount: 1, pagesComplete: 1 },
      },
      webhookAuth,
    );
    assert.equal(res.status, 200);
    await processProviderEvents(cf.t);
    const row = await db()
      .selectFrom('provider_webhook_events')
      .selectAll()
      .where('provider_fax_id', '=', stranger)
      .executeTakeFirstOrThrow();
    assert.equal(row.outcome, 'unknown-fax');
    assert.equal(row.fax_id, null);
    assert.deepEqual(await db().selectFrom('faxes').select(['id', 'status']).orderBy('id').execute(), faxesBefore);
  });

  test('when the final webhook never comes, polling finds the result', async () => {
    await injectFault(emulator.url, 'drop-final-webhook');
    const { id, messageId } = await sendAndSubmit('604-555-0142');
    await letDocumoFinish(messageId);
    assert.equal((await getFax(id)).status, 'sending', 'no webhook, no news yet');
    await reconcileFax(engine(), id);
    const fax = await getFax(id);
    assert.equal(fax.status, 'delivered');
    assert.equal(fax.attempts[0].providerFaxId, messageId);
  });
});

describe('credentials revoked at Documo', () => {
  test('queued faxes fail with account-error and the admins hear about it once', async () => {
    await injectFault(emulator.url, '401', 3);
    try {
      const ids = [await sendFax('604-555-0142'), await sendFax('604-555-0143'), await sendFax('604-555-0144')];
      for (const id of ids) await advanceFax(engine(), id);
      for (const id of ids) {
        const fax = await getFax(id);
        assert.equal(fax.status, 'failed');
        assert.equal(fax.failure.cause, 'account-error');
        assert.equal(fax.attempts[0].explanation.startsWith('Documo rejected this API key'), true, fax.attempts[0].explanation);
        assert.equal(fax.nextAttemptAt, null);
      }
      const alerts = await db()
        .selectFrom('notifications')
        .selectAll()
        .where('clinic_id', '=', cf.clinic.clinicId)
        .where('kind', '=', 'account-error')
        .execute();
      assert.equal(alerts.length, 1, 'one notification however many faxes failed');
      const seen = await cf.api('GET', '/api/notifications', cf.owner);
      assert.equal(seen.json.notifications.filter((n: { kind: string }) => n.kind === 'account-error').length, 1);
      const integrations = await cf.api('GET', '/api/integrations', cf.owner);
      assert.ok(integrations.json.active.accountErrorAt, 'Settings → Integrations shows the account problem');
    } finally {
      await clearFaults(emulator.url);
    }
  });
});
