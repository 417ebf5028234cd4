/**
 * Documo mFax adapter (https://docs.documo.com).
 *
 * Authentication is `Authorization: Basic <API key>` with the raw key, not base64 user:pass — as
 * Documo documents it. Faxes are sent with `POST /v1/faxes` (multipart) and tagged
 * `chartfax:<reference>:<attempt>`, read with `GET /v1/fax/{id}/info`, and found again by reading
 * `GET /v1/fax/history` for that tag (Documo documents no tag filter, so the match is done here).
 * Documo signs no webhooks: they are checked with the HTTP Basic pair Chartfax generated and the
 * clinic entered in Documo's webhook settings ("Use Basic Auth").
 */
import { FaxError } from '../../core/errors';
import type { ProviderAccount, TransportEvent, TransportReport, TransportSubmission } from '../../core/transport';
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
import { assertBasicAuth, headerValue, readFormBody, stableEventId, type WebhookRequest } from '../http/webhook-request';
import { documoReport, documoTag, documoTagNames, referenceFromTags, type DocumoFax } from './documo-results';

export const DOCUMO_DEFAULT_BASE_URL = 'https://api.documo.com';

/** How far back findByReference reads the fax history (pages of HISTORY_PAGE_SIZE). */
const HISTORY_PAGE_SIZE = 100;
const HISTORY_MAX_PAGES = 5;

export interface DocumoTransportOptions extends ProviderTransportOptions {
  apiKey: string;
  /** Clock for event times when Documo's payload has none. */
  now?: () => Date;
}

const KEY_REJECTED = 'Documo rejected this API key — create a new one in the Documo portal under API Keys.';

function forbiddenMessage(rawMessage: string | null): string {
  const text = (rawMessage ?? '').toLowerCase();
  if (text.includes('trial')) {
    return 'Documo says the account’s free trial has ended. Upgrade the Documo account, then send again.';
  }
  if (text.includes('suspend') || text.includes('disabled') || text.includes('inactive')) {
    return 'Documo has suspended this account. Contact Documo support to reactivate it, then send again.';
  }
  return 'Documo refused this API key (HTTP 403). Check in the Documo portal that the account is active and the key’s access level is “base” or “admin”.';
}

function digitsOnly(e164: string): string {
  return e164.replace(/[^\d]/g, '');
}

function toE164(number: string): string {
  const digits = digitsOnly(number);
  return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

export function createDocumoTransport(options: DocumoTransportOptions): ProviderTransport {
  const http: ProviderHttpConfig = {
    providerName: 'Documo',
    baseUrl: options.baseUrl || DOCUMO_DEFAULT_BASE_URL,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  };
  const now = options.now ?? (() => new Date());
  const auth = { authorization: `Basic ${options.apiKey}` };

  async function call(request: ProviderRequest): Promise<ProviderResponse> {
    try {
      return await sendProviderRequest(http, {
        ...request,
        headers: { ...auth, ...request.headers },
      });
    } catch (error) {
      if (error instanceof ProviderHttpFailure) throw outageError('Documo', error);
      throw error;
    }
  }

  /** Errors from status and lookup calls (no submission involved). */
  function readError(response: ProviderResponse): Error {
    const raw = errorMessageOf(response);
    if (response.status === 401) return refusalError('account-error', 'HTTP 401', raw, KEY_REJECTED);
    if (response.status === 403) return refusalError('account-error', 'HTTP 403', raw, forbiddenMessage(raw));
    if (response.status === 429) {
      return refusalError(
        'rate-limited',
        'HTTP 429',
        raw,
        'Documo asked Chartfax to slow down.',
        parseRetryAfterSeconds(response.headers.get('retry-after'), now()),
      );
    }
    if (response.status === 404) return new FaxError('not-found', 'Documo has no fax with this id.');
    return outageError('Documo', response);
  }

  function submitError(response: ProviderResponse, submission: TransportSubmission): Error {
    const raw = errorMessageOf(response);
    const text = (raw ?? '').toLowerCase();
    if (response.status === 400 || response.status === 422) {
      if (text.includes('caller id')) {
        return refusalError(
          'caller-id-not-allowed',
          `HTTP ${response.status}`,
          raw,
          `Documo does not allow sending from ${submission.fromNumber ?? 'the default number'}. ` +
            'Pick a number this Documo account owns in Settings → Fax numbers (or leave the caller ID empty to use the account’s default), then send again.',
        );
      }
      if (/fax ?number|recipient|destination|invalid number/.test(text)) {
        return refusalError('invalid-number', `HTTP ${response.status}`, raw);
      }
      return refusalError('document-error', `HTTP ${response.status}`, raw);
    }
    if (response.status >= 500) return outageError('Documo', response);
    if (response.status === 404) return refusalError('unknown', 'HTTP 404', raw);
    return readError(response);
  }

  async function getFax(messageId: string, signal?: AbortSignal): Promise<DocumoFax> {
    const response = await call({
      method: 'GET',
      path: `/v1/fax/${encodeURIComponent(messageId)}/info`,
      signal,
    });
    if (response.status !== 200) throw readError(response);
    return (response.json ?? {}) as DocumoFax;
  }

  async function listNumbers(signal?: AbortSignal): Promise<ProviderNumber[]> {
    const response = await sendProviderRequest(http, {
      method: 'GET',
      path: '/v1/numbers',
      headers: auth,
      signal,
    });
    if (response.status !== 200) throw checkError(response);
    const body = response.json as { rows?: unknown[]; data?: unknown[] } | unknown[] | null;
    const rows = Array.isArray(body) ? body : (body?.rows ?? body?.data ?? []);
    return rows.flatMap((row) => {
      const item = row as Record<string, unknown>;
      const number = item.faxNumber ?? item.number ?? item.phoneNumber;
      if (typeof number !== 'string' || number === '') return [];
      const label = item.name ?? item.label ?? null;
      return [
        {
          number: toE164(number),
          label: typeof label === 'string' && label !== '' ? label : null,
        },
      ];
    });
  }

  function checkError(response: ProviderResponse): Error {
    const raw = errorMessageOf(response);
    if (response.status === 401) return new FaxError('credentials-rejected', KEY_REJECTED);
    if (response.status === 403) return new FaxError('credentials-rejected', forbiddenMessage(raw));
    return unavailableForCheck('Documo', response);
  }

  return {
    id: 'documo',
    capabilities: { synchronous: false, partialResend: false, webhooks: true },

    async submit(submission, signal) {
      const form = new FormData();
      form.append('faxNumber', submission.toNumber);
      form.append('attachments', new Blob([submission.document.pdf], { type: 'application/pdf' }), `${submission.reference}.pdf`);
      // Chartfax renders its own cover page into the PDF; Documo's would add an unaccounted page.
      form.append('coverPage', 'false');
      form.append('recipientName', submission.recipientName);
      if (submission.fromNumber) form.append('callerId', digitsOnly(submission.fromNumber));
      form.append('tags', documoTag(submission.reference, submission.attempt));
      form.append('async', 'true');

      const response = await call({
        method: 'POST',
        path: '/v1/faxes',
        body: form,
        signal,
      });
      if (response.status !== 200 && response.status !== 201) throw submitError(response, submission);
      const fax = (response.json ?? {}) as DocumoFax;
      if (!fax.messageId) throw outageError('Documo', response);
      const report = documoReport(fax);
      return report.status === 'accepted' || report.status === 'sending' ? report : { ...report, status: 'accepted' };
    },

    async findByReference(reference, attempt) {
      const tag = documoTag(reference, attempt);
      for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
        const query = new URLSearchParams({
          direction: 'outbound',
          limit: String(HISTORY_PAGE_SIZE),
          offset: String(page * HISTORY_PAGE_SIZE),
        });
        const response = await call({
          method: 'GET',
          path: `/v1/fax/history?${query}`,
        });
        if (response.status !== 200) throw readError(response);
        const body = response.json as { rows?: DocumoFax[]; data?: DocumoFax[] } | DocumoFax[] | null;
        const rows = Array.isArray(body) ? body : (body?.rows ?? body?.data ?? []);
        const match = rows.find((fax) => documoTagNames(fax.tags).includes(tag));
        if (match?.messageId) return documoReport(match);
        if (rows.length < HISTORY_PAGE_SIZE) return null;
      }
      return null;
    },

    async getStatus(providerFaxId) {
      return documoReport(await getFax(providerFaxId), providerFaxId);
    },

    verifyCredentials(signal) {
      return duringAccountCheck('Documo', async () => {
        const response = await sendProviderRequest(http, {
          method: 'GET',
          path: '/v1/me',
          headers: auth,
          signal,
        });
        if (response.status !== 200) throw checkError(response);
        const user = (response.json ?? {}) as Record<string, unknown>;
        const account = (user.account ?? {}) as Record<string, unknown>;
        const name = account.accountName ?? account.name ?? user.accountName ?? user.email ?? 'Documo account';
        const numbers = await listNumbers(signal);
        return { accountName: String(name), numbers } satisfies ProviderAccount;
      });
    },

    listNumbers(signal) {
      return duringAccountCheck('Documo', () => listNumbers(signal));
    },

    async parseWebhook(request: WebhookRequest): Promise<TransportEvent[]> {
      assertBasicAuth(request.headers, request.basicAuth, 'Documo');
      const contentType = headerValue(request.headers, 'content-type') ?? '';
      let eventName: string | null;
      let fax: DocumoFax | null;
      try {
        if (/multipart\/form-data|application\/x-www-form-urlencoded/i.test(contentType)) {
          // Legacy webhooks: a `data` field holding the fax object as a JSON string.
          const form = await readFormBody(request.rawBody, contentType);
          const data = form.fields.find(([name]) => name === 'data')?.[1];
          eventName = form.fields.find(([name]) => name === 'event' || name === 'type')?.[1] ?? null;
          fax = data ? (JSON.parse(data) as DocumoFax) : null;
        } else {
          // New webhooks: JSON. The exact shape is undocumented, so read it the ways integrations do.
          const body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
          const event = body.event ?? body.type;
          eventName = typeof event === 'string' ? event : null;
          const data = (body.data && typeof body.data === 'object' ? body.data : body) as DocumoFax & { id?: string };
          const messageId = (body.messageId as string | undefined) ?? data.messageId ?? data.id;
          fax = { ...data, messageId };
        }
      } catch (error) {
        throw new FaxError('malformed-request', 'The Documo webhook body could not be read.', { cause: error });
      }
      if (eventName && !/^fax\.(v1\.)?outbound/.test(eventName)) return [];
      if (!fax?.messageId || (fax.direction && fax.direction !== 'outbound')) return [];

      const report: TransportReport = documoReport(fax);
      const occurredAt = fax.resolvedDate ?? fax.updatedAt;
      return [
        {
          eventId: stableEventId('documo', [fax.messageId, fax.status, fax.resultCode, fax.errorCode, fax.pagesComplete]),
          providerFaxId: fax.messageId,
          reference: referenceFromTags(fax.tags),
          report,
          occurredAt: occurredAt ? new Date(occurredAt) : now(),
        },
      ];
    },
  };
}
