/**
 * Telnyx Programmable Fax objects and webhook payloads → Chartfax reports.
 * Failure reasons from https://support.telnyx.com/en/articles/4967498-programmable-fax-errors.
 */
import type { FailureCause } from '../../core/errors';
import type { TransportFailure, TransportFaxStatus, TransportReport } from '../../core/transport';

export interface TelnyxFax {
  id?: string;
  fax_id?: string;
  direction?: string;
  status?: string;
  client_state?: string | null;
  page_count?: number | null;
  call_duration_secs?: number | null;
  failure_reason?: string | null;
  updated_at?: string | null;
}

const CAUSES: Readonly<Record<string, FailureCause>> = {
  user_busy: 'busy',
  receiver_no_answer: 'no-answer',
  receiver_no_response: 'no-answer',
  fax_initial_communication_timeout: 'no-answer',
  receiver_call_dropped: 'line-failure',
  sender_call_dropped: 'line-failure',
  carrier_lost: 'line-failure',
  fax_signaling_error: 'line-failure',
  receiver_communication_error: 'line-failure',
  sender_communication_error: 'line-failure',
  invalid_ecm_response_from_receiver: 'line-failure',
  receiver_recovery_on_timer_expire: 'line-failure',
  destination_unreachable: 'line-failure',
  receiver_decline: 'rejected-by-receiver',
  receiver_invalid_number_format: 'invalid-number',
  receiver_unallocated_number: 'invalid-number',
  receiver_incompatible_destination: 'invalid-number',
  destination_invalid: 'invalid-number',
  file_format_invalid: 'document-error',
  file_size_limit_exceeded: 'document-error',
  page_count_limit_exceeded: 'document-error',
  media_processing_exception: 'document-error',
  // Chartfax uploads the file itself, so a failed download is Telnyx's side, not our URL.
  file_download_failed: 'provider-outage',
  account_disabled: 'account-error',
  no_outbound_profile: 'account-error',
  destination_not_in_service_plan: 'account-error',
  destination_not_in_countries_whitelist: 'account-error',
  unverified_destination_not_allowed: 'account-error',
  outbound_profile_daily_spend_limit_exceeded: 'account-error',
  unverified_origination_number: 'caller-id-not-allowed',
  user_channel_limit_exceeded: 'rate-limited',
  outbound_profile_channel_limit_exceeded: 'rate-limited',
  connection_channel_limit_exceeded: 'rate-limited',
  service_unavailable: 'provider-outage',
  sender_canceled: 'cancelled',
};

export function classifyTelnyxFailure(reason: string | null): FailureCause {
  return (reason && CAUSES[reason]) || 'unknown';
}

/** client_state carries `chartfax:<reference>:<attempt>`, base64 as Telnyx requires. */
export function telnyxClientState(reference: string, attempt: number): string {
  return Buffer.from(`chartfax:${reference}:${attempt}`, 'utf8').toString('base64');
}

export function referenceFromClientState(clientState: string | null | undefined): string | null {
  if (!clientState) return null;
  const decoded = Buffer.from(clientState, 'base64').toString('utf8');
  return /^chartfax:(.+):(\d+)$/.exec(decoded)?.[1] ?? null;
}

const EVENT_STATUS: Readonly<Record<string, string>> = {
  'fax.queued': 'queued',
  'fax.media.processed': 'media.processed',
  'fax.sending.started': 'sending',
  'fax.delivered': 'delivered',
  'fax.failed': 'failed',
};

export function telnyxStatusFromEvent(eventType: string): string | undefined {
  return EVENT_STATUS[eventType];
}

function statusOf(status: string | undefined): TransportFaxStatus {
  switch (status) {
    case 'delivered':
      return 'delivered';
    case 'failed':
      return 'failed';
    case 'originated':
    case 'sending':
      return 'sending';
    default:
      return 'accepted';
  }
}

export function telnyxReport(fax: TelnyxFax, fallbackId = '', completedAt: Date | null = null): TransportReport {
  const status = statusOf(fax.status);
  let failure: TransportFailure | null = null;
  if (status === 'failed') {
    const reason = fax.failure_reason ?? null;
    failure = {
      cause: classifyTelnyxFailure(reason),
      rawCode: reason,
      rawMessage: reason,
    };
  }
  const pages = typeof fax.page_count === 'number' ? fax.page_count : 0;
  const final = status === 'delivered' || status === 'failed';
  return {
    providerFaxId: fax.fax_id ?? fax.id ?? fallbackId,
    status,
    pagesTransmitted: status === 'delivered' ? pages : 0,
    failure,
    remoteStationId: null,
    negotiatedBitRate: null,
    durationSeconds: typeof fax.call_duration_secs === 'number' ? fax.call_duration_secs : null,
    completedAt: final ? (completedAt ?? (fax.updated_at ? new Date(fax.updated_at) : null)) : null,
  };
}
