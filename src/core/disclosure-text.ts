/**
 * The words Chartfax keeps about a finished fax: the outcome of a disclosure record and the line in
 * the patient's chart history. Pure; used by the job that records a fax's final outcome.
 *
 * Accounting of disclosures (45 CFR 164.528) asks for the date, the recipient (and address if known),
 * a brief description of what was disclosed and the purpose; documentation is kept six years
 * (164.530(j)).
 */
import { ERROR_CATALOG, isFailureCause } from './errors';
import type { FinalFaxStatus } from './usage';

/** Disclosure records are kept at least this many years after the disclosure. */
export const DISCLOSURE_RETENTION_YEARS = 6;

export const PURPOSE_LABELS: Readonly<Record<string, string>> = {
  treatment: 'Treatment / continuity of care',
  payment: 'Payment',
  operations: 'Health-care operations',
  legal: 'Legal',
  'patient-request': 'At the patient’s request',
  other: 'Other',
};

/** The date a disclosure record may be deleted: six years after it, to the day (29 Feb → 1 Mar). */
export function retainUntil(disclosedOn: string): string {
  const [y, m, d] = disclosedOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + DISCLOSURE_RETENTION_YEARS, m - 1, d)).toISOString().slice(0, 10);
}

function pages(n: number): string {
  return `${n} page${n === 1 ? '' : 's'}`;
}

/** "the line was busy" from a failure cause; the stored message when the cause is unknown to us. */
function failureReason(cause: string | null, message: string | null): string {
  if (cause && isFailureCause(cause)) {
    const text = ERROR_CATALOG[cause].explanation.replace(/\.$/, '');
    return text.charAt(0).toLowerCase() + text.slice(1);
  }
  return (message ?? 'no reason was given').replace(/\.$/, '');
}

/**
 * "delivered, 4 pages" · "partially delivered, 3 of 5 pages" · "failed: the line was busy" ·
 * "cancelled before sending" · "expired: …".
 */
export function describeOutcome(outcome: {
  status: FinalFaxStatus;
  pagesDelivered: number;
  pageCount: number;
  failureCause: string | null;
  failureMessage: string | null;
}): string {
  switch (outcome.status) {
    case 'delivered':
      return `delivered, ${pages(outcome.pagesDelivered)}`;
    case 'partially-delivered':
      return `partially delivered, ${outcome.pagesDelivered} of ${pages(outcome.pageCount)}: ${failureReason(outcome.failureCause, outcome.failureMessage)}`;
    case 'failed':
      return `failed: ${failureReason(outcome.failureCause, outcome.failureMessage)}`;
    case 'cancelled':
      return 'cancelled before it was sent';
    case 'expired':
      return `not sent in time: ${failureReason(outcome.failureCause, outcome.failureMessage)}`;
  }
}

/**
 * The patient's chart history line, e.g.
 * "Faxed 3 chart entries (12 Mar – 2 Apr 2025) to Dr. Lee at +1 604 555 0142 — delivered, 4 pages".
 */
export function patientHistoryLine(fax: {
  description: string;
  recipientName: string;
  recipientNumberDisplay: string;
  outcome: string;
}): string {
  return `Faxed ${fax.description} to ${fax.recipientName} at ${fax.recipientNumberDisplay} — ${fax.outcome}`;
}
