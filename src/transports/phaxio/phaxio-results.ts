/**
 * Phaxio v2.1 fax objects → Chartfax reports.
 *
 * Phaxio reuses error ids across error types (133 is "failed to normalize PDF" as a
 * documentConversionError and "phone number is not permitted" as a faxError), so the mapping keys
 * on the pair. Ids from https://www.phaxio.com/docs/errorMessages and the Sinch SDK's copy of them.
 */
import type { FailureCause } from '../../core/errors';
import type { TransportFailure, TransportFaxStatus, TransportReport } from '../../core/transport';

export interface PhaxioRecipient {
  phone_number?: string;
  status?: string;
  retry_count?: number;
  completed_at?: string | null;
  bitrate?: number | null;
  error_type?: string | null;
  error_id?: number | string | null;
  error_message?: string | null;
}

export interface PhaxioFax {
  id?: number | string;
  direction?: string;
  num_pages?: number | null;
  status?: string;
  created_at?: string | null;
  completed_at?: string | null;
  caller_id?: string | null;
  tags?: Record<string, string> | null;
  recipients?: PhaxioRecipient[];
  error_type?: string | null;
  error_id?: number | string | null;
  error_message?: string | null;
}

/** The tag every Chartfax submission carries: `tag[chartfax]=<reference>:<attempt>`. */
export const PHAXIO_TAG_NAME = 'chartfax';

export function phaxioTagValue(reference: string, attempt: number): string {
  return `${reference}:${attempt}`;
}

export function referenceFromPhaxioTags(tags: PhaxioFax['tags']): string | null {
  const value = tags?.[PHAXIO_TAG_NAME];
  const match = typeof value === 'string' ? /^(.+):(\d+)$/.exec(value) : null;
  return match?.[1] ?? null;
}

const LINE_BUSY = new Set([17]);
const LINE_NO_ANSWER = new Set([16, 30, 87, 112]);
const LINE_INVALID_NUMBER = new Set([32, 34, 49, 50, 52, 73, 115]);
const FAX_NO_ANSWER = new Set([13, 14, 26, 48, 132]);

export function classifyPhaxioError(type: string | null, id: number | null): FailureCause {
  switch (type) {
    case 'lineError':
      if (id !== null && LINE_BUSY.has(id)) return 'busy';
      if (id !== null && LINE_NO_ANSWER.has(id)) return 'no-answer';
      if (id !== null && LINE_INVALID_NUMBER.has(id)) return 'invalid-number';
      return 'line-failure';
    case 'faxError':
      if (id !== null && FAX_NO_ANSWER.has(id)) return 'no-answer';
      if (id === 46) return 'account-error';
      if (id === 75) return 'cancelled';
      if (id === 76) return 'provider-outage';
      if (id === 113) return 'document-error';
      if (id === 133) return 'invalid-number';
      return 'line-failure';
    case 'documentConversionError':
      return 'document-error';
    default:
      // fatalError, generalError and anything new: Phaxio gives no usable id list.
      return 'unknown';
  }
}

function statusOf(status: string | undefined): TransportFaxStatus {
  switch (status) {
    case 'success':
      return 'delivered';
    case 'failure':
    case 'partialsuccess':
      return 'failed';
    case 'inprogress':
      return 'sending';
    default:
      return 'accepted';
  }
}

export function phaxioReport(fax: PhaxioFax, fallbackId = ''): TransportReport {
  const status = statusOf(fax.status);
  const recipient = fax.recipients?.[0];
  let failure: TransportFailure | null = null;
  if (status === 'failed') {
    const type = fax.error_type ?? recipient?.error_type ?? null;
    const rawId = fax.error_id ?? recipient?.error_id ?? null;
    const id = rawId === null || rawId === '' ? null : Number(rawId);
    failure = {
      cause: classifyPhaxioError(type, Number.isFinite(id) ? id : null),
      rawCode: type === null ? (rawId === null ? null : String(rawId)) : `${type}:${rawId ?? ''}`,
      rawMessage: fax.error_message ?? recipient?.error_message ?? null,
    };
  }
  const completed = fax.completed_at ?? recipient?.completed_at ?? null;
  return {
    providerFaxId: fax.id === undefined ? fallbackId : String(fax.id),
    status,
    pagesTransmitted: status === 'delivered' ? (fax.num_pages ?? 0) : 0,
    failure,
    remoteStationId: null,
    negotiatedBitRate: typeof recipient?.bitrate === 'number' ? recipient.bitrate : null,
    durationSeconds: null,
    completedAt: status === 'delivered' || status === 'failed' ? (completed ? new Date(completed) : null) : null,
  };
}
