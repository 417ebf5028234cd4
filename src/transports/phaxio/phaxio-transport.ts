/**
 * Phaxio API v2.1 adapter (https://www.phaxio.com/docs/api/v2.1).
 *
 * HTTP Basic with the API key and secret; `POST /faxes` (multipart) tagged
 * `tag[chartfax]=<reference>:<attempt>`; `GET /faxes/{id}`; `GET /faxes?tag[chartfax]=…` to find an
 * attempt again. Every response is `{ success, message, data }` and `success: false` is an error
 * even on HTTP 200. Callbacks are multipart posts signed with X-Phaxio-Signature.
 */
import { FaxError } from '../../core/errors';
import type { TransportEvent, TransportSubmission } from '../../core/transport';
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
import { constantTimeEqual, headerValue, readFormBody, stableEventId, type WebhookRequest } from '../http/webhook-request';
import { PHAXIO_TAG_NAME, phaxioReport, phaxioTagValue, referenceFromPhaxioTags, type PhaxioFax } from './phaxio-results';
import { phaxioSignature } from './phaxio-signature';

export const PHAXIO_DEFAULT_BASE_URL = 'https://api.phaxio.com/v2.1';

export interface PhaxioTransportOptions extends ProviderTransportOptions {
  apiKey: string;
  apiSecret: string;
  /** The webhook token from the Phaxio console (Webhooks settings); verifies X-Phaxio-Signature. */
  callbackToken?: string;
  /** Chartfax's public webhook URL for Phaxio; sent as each fax's callback_url. */
  callbackUrl?: string;
  now?: () => Date;
}

const KEY_REJECTED =
  'Phaxio rejected this API key and secret — copy them again from the Phaxio console under API Keys (use the live keys, not the test keys).';

interface PhaxioEnvelope<T> {
  success?: boolean;
  message?: string;
  data?: T;
}

export function createPhaxioTransport(options: PhaxioTransportOptions): ProviderTransport {
  const http: ProviderHttpConfig = {
    providerName: 'Phaxio',
    baseUrl: options.baseUrl || PHAXIO_DEFAULT_BASE_URL,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  };
  const now = options.now ?? (() => new Date());
  const auth = {
    authorization: `Basic ${Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64')}`,
  };

  async function call(request: ProviderRequest): Promise<ProviderResponse> {
    try {
      return await sendProviderRequest(http, {
        ...request,
        headers: { ...auth, ...request.headers },
      });
    } catch (error) {
      if (error instanceof ProviderHttpFailure) throw outageError('Phaxio', error);
      throw error;
    }
  }

  function succeeded(response: ProviderResponse): boolean {
    return response.status === 200 && (response.json as PhaxioEnvelope<unknown> | null)?.success === true;
  }

  function readError(response: ProviderResponse, submission?: TransportSubmission): Error {
    const raw = errorMessageOf(response);
    const text = (raw ?? '').toLowerCase();
    const code = `HTTP ${response.status}`;
    if (response.status === 401) return refusalError('account-error', code, raw, KEY_REJECTED);
    if (response.status === 402 || /insufficient funds|balance/.test(text)) {
      return refusalError(
        'account-error',
        code,
        raw,
        'The Phaxio account has run out of funds. Add funds in the Phaxio console, then send again.',
      );
    }
    if (response.status === 403) {
      return refusalError(
        'account-error',
        code,
        raw,
        'Phaxio refused this account (HTTP 403). Check in the Phaxio console that the account is active.',
      );
    }
    if (response.status === 429) {
      return refusalError(
        'rate-limited',
        code,
        raw,
        'Phaxio asked Chartfax to slow down.',
        parseRetryAfterSeconds(response.headers.get('retry-after'), now()),
      );
    }
    if (response.status >= 500) return outageError('Phaxio', response);
    if (response.status === 404 && !submission) return new FaxError('not-found', 'Phaxio has no fax with this id.');
    if (submission && (response.status === 422 || response.status === 400 || response.status === 200)) {
      if (/caller.?id/.test(text)) {
        return refusalError(
          'caller-id-not-allowed',
          code,
          raw,
          `Phaxio does not allow sending from ${submission.fromNumber ?? 'the default number'}. ` +
            'Pick a number this Phaxio account owns in Settings → Fax numbers, or leave the caller ID empty, then send again.',
        );
      }
      if (/\bto\b|phone number|recipient|not permitted/.test(text)) return refusalError('invalid-number', code, raw);
      return refusalError('document-error', code, raw);
    }
    return refusalError('unknown', code, raw);
  }

  async function listNumbers(signal?: AbortSignal): Promise<ProviderNumber[]> {
    const response = await sendProviderRequest(http, {
      method: 'GET',
      path: '/phone_numbers?per_page=1000',
      headers: auth,
      signal,
    });
    if (!succeeded(response)) throw checkError(response);
    const data = (response.json as PhaxioEnvelope<unknown[]>).data ?? [];
    return data.flatMap((row) => {
      const item = row as Record<string, unknown>;
      if (typeof item.phone_number !== 'string') return [];
      const place = [item.city, item.state].filter((part) => typeof part === 'string' && part !== '').join(', ');
      return [{ number: item.phone_number, label: place === '' ? null : place }];
    });
  }

  function checkError(response: ProviderResponse): Error {
    if (response.status === 401) return new FaxError('credentials-rejected', KEY_REJECTED);
    if (response.status === 403) {
      return new FaxError(
        'credentials-rejected',
        'Phaxio refused these credentials (HTTP 403). Check in the Phaxio console that the account is active.',
      );
    }
    return unavailableForCheck('Phaxio', response);
  }

  return {
    id: 'phaxio',
    capabilities: { synchronous: false, partialResend: false, webhooks: true },

    async submit(submission, signal) {
      const form = new FormData();
      form.append('to', submission.toNumber);
      form.append('file', new Blob([submission.document.pdf], { type: 'application/pdf' }), `${submission.reference}.pdf`);
      if (submission.fromNumber) form.append('caller_id', submission.fromNumber);
      form.append(`tag[${PHAXIO_TAG_NAME}]`, phaxioTagValue(submission.reference, submission.attempt));
      if (options.callbackUrl) form.append('callback_url', options.callbackUrl);

      const response = await call({
        method: 'POST',
        path: '/faxes',
        body: form,
        signal,
      });
      if (!succeeded(response)) throw readError(response, submission);
      const id = (response.json as PhaxioEnvelope<{ id?: number | string }>).data?.id;
      if (id === undefined) throw outageError('Phaxio', response);
      return {
        providerFaxId: String(id),
        status: 'accepted',
        pagesTransmitted: 0,
        failure: null,
      };
    },

    async findByReference(reference, attempt) {
      const query = new URLSearchParams({ direction: 'sent', per_page: '20' });
      query.set(`tag[${PHAXIO_TAG_NAME}]`, phaxioTagValue(reference, attempt));
      const response = await call({ method: 'GET', path: `/faxes?${query}` });
      if (!succeeded(response)) throw readError(response);
      const faxes = (response.json as PhaxioEnvelope<PhaxioFax[]>).data ?? [];
      // Checked here too: a filter the server ignored must not return someone else's attempt.
      const match = faxes.find((fax) => fax.tags?.[PHAXIO_TAG_NAME] === phaxioTagValue(reference, attempt));
      return match ? phaxioReport(match) : null;
    },

    async getStatus(providerFaxId) {
      const response = await call({
        method: 'GET',
        path: `/faxes/${encodeURIComponent(providerFaxId)}`,
      });
      if (!succeeded(response)) throw readError(response);
      return phaxioReport((response.json as PhaxioEnvelope<PhaxioFax>).data ?? {}, providerFaxId);
    },

    verifyCredentials(signal) {
      return duringAccountCheck('Phaxio', async () => {
        const response = await sendProviderRequest(http, {
          method: 'GET',
          path: '/account/status',
          headers: auth,
          signal,
        });
        if (!succeeded(response)) throw checkError(response);
        const numbers = await listNumbers(signal);
        return {
          accountName: `Phaxio account (API key …${options.apiKey.slice(-4)})`,
          numbers,
        };
      });
    },

    listNumbers(signal) {
      return duringAccountCheck('Phaxio', () => listNumbers(signal));
    },

    async parseWebhook(request: WebhookRequest): Promise<TransportEvent[]> {
      if (!options.callbackToken) {
        throw new FaxError(
          'unauthenticated',
          'No Phaxio webhook token is set up, so the webhook was refused. Copy it from the Phaxio console into Settings → Integrations.',
        );
      }
      const signature = headerValue(request.headers, 'x-phaxio-signature') ?? '';
      const contentType = headerValue(request.headers, 'content-type') ?? '';
      let form;
      try {
        form = await readFormBody(request.rawBody, contentType);
      } catch (error) {
        throw new FaxError('unauthenticated', 'The Phaxio webhook body could not be read, so it was refused.', { cause: error });
      }
      const expected = phaxioSignature(options.callbackToken, request.url, form.fields, form.files);
      if (signature === '' || !constantTimeEqual(signature.toLowerCase(), expected)) {
        throw new FaxError('unauthenticated', 'The Phaxio webhook signature did not match.');
      }

      const field = (name: string) => form.fields.find(([key]) => key === name)?.[1];
      const eventType = field('event_type') ?? 'fax_completed';
      let fax: PhaxioFax;
      try {
        fax = JSON.parse(field('fax') ?? 'null') as PhaxioFax;
      } catch (error) {
        throw new FaxError('malformed-request', 'The Phaxio webhook did not hold a readable fax.', { cause: error });
      }
      if (!fax || fax.id === undefined || fax.direction === 'received') return [];

      let report = phaxioReport(fax);
      if (eventType !== 'fax_completed' && report.status === 'accepted') report = { ...report, status: 'sending' };
      const recipient = fax.recipients?.[0];
      const occurredAt = fax.completed_at ?? recipient?.completed_at;
      return [
        {
          eventId: stableEventId('phaxio', [
            fax.id,
            eventType,
            fax.status,
            field('page'),
            field('retry_count') ?? recipient?.retry_count,
            recipient?.status,
          ]),
          providerFaxId: String(fax.id),
          reference: referenceFromPhaxioTags(fax.tags),
          report,
          occurredAt: occurredAt ? new Date(occurredAt) : now(),
        },
      ];
    },
  };
}
