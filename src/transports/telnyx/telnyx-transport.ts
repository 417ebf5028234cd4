/**
 * Telnyx Programmable Fax v2 adapter (https://developers.telnyx.com).
 *
 * Bearer API key. The page-exact PDF is uploaded to Media Storage (`POST /media`, multipart), then
 * sent with `POST /faxes` using `media_name`, so Chartfax never has to expose a public document URL.
 * Our reference rides in `client_state` (base64), which Telnyx echoes in every webhook; Telnyx's fax
 * list cannot filter on it, so findByReference reads recent outbound faxes and matches here.
 * Webhooks are verified with Ed25519 over `"{telnyx-timestamp}|{raw body}"`.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

import { FaxError } from '../../core/errors';
import type { TransportEvent, TransportReport, TransportSubmission } from '../../core/transport';
import { duringAccountCheck, errorMessageOf, unavailableForCheck } from '../http/provider-errors';
import {
  ProviderHttpFailure,
  outageError,
  parseRetryAfterSeconds,
  refusalError,
  sendProviderRequest,
  type ProviderHttpConfig,
  type ProviderRequest,
  type ProviderResponse,
} from '../http/provider-http';
import type { ProviderNumber, ProviderTransport, ProviderTransportOptions } from '../http/provider-transport';
import { headerValue, type WebhookRequest } from '../http/webhook-request';
import { referenceFromClientState, telnyxClientState, telnyxReport, telnyxStatusFromEvent, type TelnyxFax } from './telnyx-results';

export const TELNYX_DEFAULT_BASE_URL = 'https://api.telnyx.com/v2';

/** Webhooks signed longer ago than this are refused (replay protection, as Telnyx recommends). */
export const TELNYX_WEBHOOK_TOLERANCE_SECONDS = 300;

const LIST_PAGE_SIZE = 100;
const LIST_MAX_PAGES = 5;

export interface TelnyxTransportOptions extends ProviderTransportOptions {
  apiKey: string;
  /** The Programmable Fax Application's id. */
  connectionId: string;
  /** Portal → Keys & Credentials → Public Key: the raw 32-byte Ed25519 key, base64. */
  webhookPublicKey: string;
  /** Caller id used when a submission names none: Telnyx requires a `from` number. */
  defaultFromNumber?: string | null;
  /** Overrides the fax application's webhook URL for faxes Chartfax sends. */
  webhookUrl?: string;
  now?: () => Date;
}

const KEY_REJECTED = 'Telnyx rejected this API key — create a new one in the Telnyx portal under Keys & Credentials → API Keys.';

/** Accepts the portal's raw 32-byte key (base64) or a base64 SPKI DER key. */
export function telnyxPublicKey(base64: string): KeyObject {
  const bytes = Buffer.from(base64.trim(), 'base64');
  // Raw Ed25519 keys need the SPKI header (RFC 8410) before node:crypto will load them.
  const der = bytes.length === 32 ? Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), bytes]) : bytes;
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

interface TelnyxError {
  code?: string;
  title?: string;
  detail?: string;
  source?: { pointer?: string };
}

export function createTelnyxTransport(options: TelnyxTransportOptions): ProviderTransport {
  const http: ProviderHttpConfig = {
    providerName: 'Telnyx',
    baseUrl: options.baseUrl || TELNYX_DEFAULT_BASE_URL,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  };
  const now = options.now ?? (() => new Date());
  const auth = { authorization: `Bearer ${options.apiKey}` };
  let publicKey: KeyObject | null = null;

  async function call(request: ProviderRequest): Promise<ProviderResponse> {
    try {
      return await sendProviderRequest(http, {
        ...request,
        headers: { ...auth, ...request.headers },
      });
    } catch (error) {
      if (error instanceof ProviderHttpFailure) throw outageError('Telnyx', error);
      throw error;
    }
  }

  function firstError(response: ProviderResponse): TelnyxError {
    const errors = (response.json as { errors?: TelnyxError[] } | null)?.errors;
    return errors?.[0] ?? {};
  }

  function readError(response: ProviderResponse, submission?: TransportSubmission, fromNumber?: string): Error {
    const raw = errorMessageOf(response);
    const error = firstError(response);
    const code = error.code ? `HTTP ${response.status}:${error.code}` : `HTTP ${response.status}`;
    if (response.status === 401) return refusalError('account-error', code, raw, KEY_REJECTED);
    if (response.status === 403) {
      return refusalError(
        'account-error',
        code,
        raw,
        'Telnyx refused this account (HTTP 403). Check in the Telnyx portal that the account is enabled and has an outbound voice profile.',
      );
    }
    if (response.status === 429) {
      return refusalError(
        'rate-limited',
        code,
        raw,
        'Telnyx asked Chartfax to slow down.',
        parseRetryAfterSeconds(response.headers.get('retry-after'), now()),
      );
    }
    if (response.status >= 500) return outageError('Telnyx', response);
    if (response.status === 404 && !submission) return new FaxError('not-found', 'Telnyx has no fax with this id.');
    if (submission && (response.status === 422 || response.status === 400)) {
      const pointer = error.source?.pointer ?? '';
      if (pointer === '/from' || /origination|caller|from number/i.test(raw ?? '')) {
        return refusalError(
          'caller-id-not-allowed',
          code,
          raw,
          `Telnyx does not allow sending from ${fromNumber ?? 'this number'}. ` +
            'Pick a number assigned to the Telnyx fax application in Settings → Fax numbers, then send again.',
        );
      }
      if (pointer === '/to') return refusalError('invalid-number', code, raw);
      if (pointer === '/connection_id') {
        return refusalError(
          'account-error',
          code,
          raw,
          'Telnyx does not know this fax application (connection id). Check it in Settings → Integrations.',
        );
      }
      return refusalError('document-error', code, raw);
    }
    return refusalError('unknown', code, raw);
  }

  function checkError(response: ProviderResponse): Error {
    if (response.status === 401) return new FaxError('credentials-rejected', KEY_REJECTED);
    if (response.status === 403) {
      return new FaxError(
        'credentials-rejected',
        'Telnyx refused these credentials (HTTP 403). Check in the Telnyx portal that the account is enabled.',
      );
    }
    if (response.status === 404) {
      return new FaxError(
        'credentials-rejected',
        `Telnyx has no fax application with id ${options.connectionId}. Copy the id from the Telnyx portal under Programmable Fax → Fax Applications.`,
      );
    }
    return unavailableForCheck('Telnyx', response);
  }

  async function listNumbers(signal?: AbortSignal): Promise<ProviderNumber[]> {
    const query = new URLSearchParams({
      'filter[connection_id]': options.connectionId,
      'page[size]': '250',
    });
    const response = await sendProviderRequest(http, {
      method: 'GET',
      path: `/phone_numbers?${query}`,
      headers: auth,
      signal,
    });
    if (response.status !== 200) throw checkError(response);
    const data = (response.json as { data?: Record<string, unknown>[] } | null)?.data ?? [];
    return data.flatMap((item) => {
      if (typeof item.phone_number !== 'string') return [];
      const tags = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [];
      return [
        {
          number: item.phone_number,
          label: tags.length > 0 ? tags.join(', ') : null,
        },
      ];
    });
  }

  return {
    id: 'telnyx',
    capabilities: { synchronous: false, partialResend: false, webhooks: true },

    async submit(submission, signal) {
      const from = submission.fromNumber ?? options.defaultFromNumber ?? null;
      if (!from) {
        throw refusalError(
          'caller-id-not-allowed',
          null,
          null,
          'Telnyx needs a number to send from. Choose the clinic’s Telnyx fax number in Settings → Fax numbers.',
        );
      }
      const upload = new FormData();
      upload.append('media', new Blob([submission.document.pdf], { type: 'application/pdf' }), `${submission.reference}.pdf`);
      const uploaded = await call({
        method: 'POST',
        path: '/media',
        body: upload,
        signal,
      });
      if (uploaded.status !== 200 && uploaded.status !== 201) throw readError(uploaded, submission, from);
      const mediaName = (uploaded.json as { data?: { media_name?: string } } | null)?.data?.media_name;
      if (!mediaName) throw outageError('Telnyx', uploaded);

      const body: Record<string, string> = {
        connection_id: options.connectionId,
        from,
        to: submission.toNumber,
        media_name: mediaName,
        client_state: telnyxClientState(submission.reference, submission.attempt),
      };
      if (options.webhookUrl) body.webhook_url = options.webhookUrl;
      const response = await call({
        method: 'POST',
        path: '/faxes',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      if (response.status !== 202 && response.status !== 200) throw readError(response, submission, from);
      const fax = (response.json as { data?: TelnyxFax } | null)?.data;
      if (!fax?.id) throw outageError('Telnyx', response);
      return telnyxReport(fax);
    },

    async findByReference(reference, attempt) {
      const wanted = telnyxClientState(reference, attempt);
      for (let page = 1; page <= LIST_MAX_PAGES; page += 1) {
        const query = new URLSearchParams({
          'filter[direction][eq]': 'outbound',
          'page[size]': String(LIST_PAGE_SIZE),
          'page[number]': String(page),
        });
        const response = await call({ method: 'GET', path: `/faxes?${query}` });
        if (response.status !== 200) throw readError(response);
        const faxes = (response.json as { data?: TelnyxFax[] } | null)?.data ?? [];
        const match = faxes.find((fax) => fax.client_state === wanted);
        if (match) return telnyxReport(match);
        if (faxes.length < LIST_PAGE_SIZE) return null;
      }
      return null;
    },

    async getStatus(providerFaxId) {
      const response = await call({
        method: 'GET',
        path: `/faxes/${encodeURIComponent(providerFaxId)}`,
      });
      if (response.status !== 200) throw readError(response);
      return telnyxReport((response.json as { data?: TelnyxFax } | null)?.data ?? {}, providerFaxId);
    },

    verifyCredentials(signal) {
      return duringAccountCheck('Telnyx', async () => {
        const response = await sendProviderRequest(http, {
          method: 'GET',
          path: `/fax_applications/${encodeURIComponent(options.connectionId)}`,
          headers: auth,
          signal,
        });
        if (response.status !== 200) throw checkError(response);
        const app = (response.json as { data?: { application_name?: string } } | null)?.data;
        const numbers = await listNumbers(signal);
        return {
          accountName: app?.application_name ?? `Telnyx fax application ${options.connectionId}`,
          numbers,
        };
      });
    },

    listNumbers(signal) {
      return duringAccountCheck('Telnyx', () => listNumbers(signal));
    },

    async parseWebhook(request: WebhookRequest): Promise<TransportEvent[]> {
      const signature = headerValue(request.headers, 'telnyx-signature-ed25519');
      const timestamp = headerValue(request.headers, 'telnyx-timestamp');
      if (!signature || !timestamp || !/^\d+$/.test(timestamp)) {
        throw new FaxError('unauthenticated', 'The Telnyx webhook was not signed.');
      }
      try {
        publicKey ??= telnyxPublicKey(options.webhookPublicKey);
      } catch (error) {
        throw new FaxError(
          'unauthenticated',
          'The Telnyx public key in Settings → Integrations is not valid, so the webhook was refused.',
          { cause: error },
        );
      }
      const signed = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), request.rawBody]);
      if (!verify(null, signed, publicKey, Buffer.from(signature, 'base64'))) {
        throw new FaxError('unauthenticated', 'The Telnyx webhook signature did not match.');
      }
      const ageSeconds = Math.abs(now().getTime() / 1000 - Number(timestamp));
      if (ageSeconds > TELNYX_WEBHOOK_TOLERANCE_SECONDS) {
        throw new FaxError(
          'unauthenticated',
          'The Telnyx webhook was signed too long ago to be trusted (replayed, or the server clock is wrong).',
        );
      }

      let envelope: {
        data?: {
          id?: string;
          event_type?: string;
          occurred_at?: string;
          payload?: TelnyxFax;
        };
      };
      try {
        envelope = JSON.parse(request.rawBody.toString('utf8')) as typeof envelope;
      } catch (error) {
        throw new FaxError('malformed-request', 'The Telnyx webhook body is not JSON.', { cause: error });
      }
      const event = envelope.data;
      const payload = event?.payload;
      const eventType = event?.event_type ?? '';
      const status = telnyxStatusFromEvent(eventType);
      const faxId = payload?.fax_id ?? payload?.id;
      if (!event?.id || !payload || !status || !faxId || payload.direction === 'inbound') return [];

      const occurredAt = event.occurred_at ? new Date(event.occurred_at) : now();
      const report: TransportReport = telnyxReport({ ...payload, fax_id: faxId, status }, faxId, occurredAt);
      return [
        {
          eventId: `telnyx:${event.id}`,
          providerFaxId: faxId,
          reference: referenceFromClientState(payload.client_state),
          report,
          occurredAt,
        },
      ];
    },
  };
}
