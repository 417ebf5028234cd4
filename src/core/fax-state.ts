/**
 * The life of a fax, as a pure transition function.
 *
 *   queued → rendering → sending → (waiting-to-retry → rendering? → sending)* →
 *     delivered | partially-delivered | failed | cancelled | expired
 *
 * "rendering" is the worker preparing what an attempt transmits (the stored document, or a
 * continuation cover plus the pages not yet delivered). Cancelling is possible until transmission
 * starts; once a call is under way the outcome is up to the line.
 */

export const FAX_STATUSES = [
  'queued',
  'rendering',
  'sending',
  'waiting-to-retry',
  'delivered',
  'partially-delivered',
  'failed',
  'cancelled',
  'expired',
] as const;
export type FaxStatus = (typeof FAX_STATUSES)[number];

export const FINAL_STATUSES: readonly FaxStatus[] = ['delivered', 'partially-delivered', 'failed', 'cancelled', 'expired'];
export const ACTIVE_STATUSES: readonly FaxStatus[] = ['queued', 'rendering', 'sending', 'waiting-to-retry'];

export function isFinal(status: FaxStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export type FaxEvent =
  /** A worker starts preparing the next attempt. */
  | { type: 'prepare' }
  /** The attempt's document is ready and the transport takes it. */
  | { type: 'transmit' }
  /** The transport reports every page delivered. */
  | { type: 'delivered' }
  /** The attempt failed and the retry policy schedules another. */
  | { type: 'retry-scheduled' }
  /** The attempt failed for good; `pagesDelivered` counts pages that got through across attempts. */
  | { type: 'failed'; pagesDelivered: number }
  /** The retry window closed before the fax got through. */
  | { type: 'expired'; pagesDelivered: number }
  /** Staff (or the API) cancelled. */
  | { type: 'cancel' };

export type TransitionResult = { ok: true; status: FaxStatus } | { ok: false; reason: string };

const CANCELLABLE: readonly FaxStatus[] = ['queued', 'rendering', 'waiting-to-retry'];

export function transition(status: FaxStatus, event: FaxEvent): TransitionResult {
  const to = (next: FaxStatus): TransitionResult => ({ ok: true, status: next });
  const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
  if (isFinal(status)) return refuse(`The fax is already ${status}.`);
  switch (event.type) {
    case 'prepare':
      return status === 'queued' || status === 'waiting-to-retry' ? to('rendering') : refuse(`A ${status} fax cannot start a new attempt.`);
    case 'transmit':
      return status === 'rendering' ? to('sending') : refuse(`A ${status} fax has no document ready to transmit.`);
    case 'delivered':
      return status === 'sending' ? to('delivered') : refuse(`A ${status} fax is not being transmitted.`);
    case 'retry-scheduled':
      return status === 'sending' || status === 'rendering' ? to('waiting-to-retry') : refuse(`A ${status} fax has no attempt to retry.`);
    case 'failed':
      if (status !== 'sending' && status !== 'rendering' && status !== 'queued' && status !== 'waiting-to-retry') {
        return refuse(`A ${status} fax cannot fail.`);
      }
      return to(event.pagesDelivered > 0 ? 'partially-delivered' : 'failed');
    case 'expired':
      return to(event.pagesDelivered > 0 ? 'partially-delivered' : 'expired');
    case 'cancel':
      return CANCELLABLE.includes(status)
        ? to('cancelled')
        : refuse(
            status === 'sending'
              ? 'The fax is being transmitted now and can no longer be cancelled.'
              : `A ${status} fax cannot be cancelled.`,
          );
  }
}

/** Words for staff, used in lists and badges. */
export const STATUS_LABELS: Readonly<Record<FaxStatus, string>> = {
  queued: 'Queued',
  rendering: 'Preparing pages',
  sending: 'Sending',
  'waiting-to-retry': 'Waiting to retry',
  delivered: 'Delivered',
  'partially-delivered': 'Partially delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Gave up',
};
