/**
 * Documo mFax fax objects → Chartfax reports.
 *
 * Documo publishes no result-code catalogue. The codes below are the ones seen in integrations
 * (6100 "Fax Number Busy", 6000 "Fax Connect Failed", 5100 "Fax Request Blocked", 5200 "Fax
 * Rendering Issue") and the ranges 5000 (document/request problems) and 6000/8000 (call and
 * connection failures). None of these is in Documo's public docs, so the message text is read too.
 * Anything else maps to 'unknown' with the raw code kept for the attempt record.
 */
import type { FailureCause } from '../../core/errors';
import type { TransportFailure, TransportFaxStatus, TransportReport } from '../../core/transport';

export interface DocumoFax {
  messageId?: string;
  status?: string;
  resultCode?: string | number | null;
  resultInfo?: string | null;
  errorCode?: string | number | null;
  errorInfo?: string | null;
  pagesCount?: number | null;
  pagesComplete?: number | null;
  duration?: number | null;
  resolvedDate?: string | null;
  updatedAt?: string | null;
  createdAt?: string | null;
  faxCsid?: string | null;
  faxSpeed?: number | string | null;
  direction?: string | null;
  tags?: unknown;
}

/** Tag Chartfax puts on every submission: finds the attempt again after an ambiguous send. */
export function documoTag(reference: string, attempt: number): string {
  return `chartfax:${reference}:${attempt}`;
}

/** Documo's tags have been seen as strings and as objects; accept both. */
export function documoTagNames(tags: unknown): string[] {
  const list = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : [];
  const names: string[] = [];
  for (const tag of list) {
    if (typeof tag === 'string') names.push(tag.trim());
    else if (tag && typeof tag === 'object') {
      const value = (tag as Record<string, unknown>).name ?? (tag as Record<string, unknown>).label;
      if (typeof value === 'string') names.push(value.trim());
    }
  }
  return names;
}

export function referenceFromTags(tags: unknown): string | null {
  for (const name of documoTagNames(tags)) {
    const match = /^chartfax:(.+):(\d+)$/.exec(name);
    if (match?.[1]) return match[1];
  }
  return null;
}

export function classifyDocumoResult(code: string | null, info: string | null): FailureCause {
  const text = (info ?? '').toLowerCase();
  const numeric = code !== null && /^\d+$/.test(code) ? Number(code) : null;
  if (numeric === 6100 || /\bbusy\b/.test(text)) return 'busy';
  if (/voice|no fax tone|human/.test(text)) return 'voice-answered';
  if (/no answer/.test(text)) return 'no-answer';
  if (numeric === 6000) return 'no-answer';
  if (numeric === 5100 || /blocked|invalid (fax )?number|not a valid/.test(text)) return 'invalid-number';
  if (numeric !== null && numeric >= 5000 && numeric < 6000) return 'document-error';
  if (numeric !== null && numeric >= 6000 && numeric < 7000) return 'line-failure';
  if (numeric !== null && numeric >= 8000 && numeric < 9000) return 'line-failure';
  if (/render|document|file|attachment|pdf/.test(text)) return 'document-error';
  return 'unknown';
}

function codeString(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

export function documoStatusOf(status: string | undefined): TransportFaxStatus | 'cancelled' {
  switch ((status ?? '').toLowerCase()) {
    case 'success':
      return 'delivered';
    case 'failed':
      return 'failed';
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    case 'transmitting':
      return 'sending';
    default:
      // processing, scheduled and anything new: still in Documo's hands.
      return 'accepted';
  }
}

export function documoReport(fax: DocumoFax, fallbackId = ''): TransportReport {
  const providerFaxId = fax.messageId ?? fallbackId;
  const state = documoStatusOf(fax.status);
  const pagesCount = typeof fax.pagesCount === 'number' ? fax.pagesCount : 0;
  const pagesComplete = typeof fax.pagesComplete === 'number' ? fax.pagesComplete : null;
  let status: TransportFaxStatus;
  let failure: TransportFailure | null = null;
  let pagesTransmitted = pagesComplete ?? 0;

  if (state === 'delivered') {
    status = 'delivered';
    pagesTransmitted = pagesComplete ?? pagesCount;
  } else if (state === 'failed' || state === 'cancelled') {
    const rawCode = codeString(fax.resultCode) ?? codeString(fax.errorCode);
    const rawMessage = fax.resultInfo ?? fax.errorInfo ?? null;
    const cause: FailureCause = state === 'cancelled' ? 'cancelled' : classifyDocumoResult(rawCode, rawMessage);
    failure = { cause, rawCode, rawMessage };
    status = pagesTransmitted > 0 && state === 'failed' ? 'partially-delivered' : 'failed';
  } else {
    status = state;
  }

  const resolved = fax.resolvedDate ? new Date(fax.resolvedDate) : null;
  return {
    providerFaxId,
    status,
    pagesTransmitted,
    failure,
    remoteStationId: null,
    negotiatedBitRate: fax.faxSpeed === null || fax.faxSpeed === undefined ? null : Number(fax.faxSpeed) || null,
    durationSeconds: typeof fax.duration === 'number' ? fax.duration : null,
    completedAt: status === 'accepted' || status === 'sending' ? null : resolved,
  };
}
