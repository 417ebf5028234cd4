/**
 * The one interface every way of sending a fax implements (the test line and each cloud provider).
 * The engine talks only to this; nothing outside src/transports/registry.ts names a provider.
 */
import type { FailureCause } from './errors';

export type TransportId = 'test-line' | 'documo' | 'phaxio' | 'telnyx';

/** A transmission attempt's state as the transport knows it. */
export type TransportFaxStatus = 'accepted' | 'sending' | 'delivered' | 'partially-delivered' | 'failed';

export interface TransportFailure {
  cause: FailureCause;
  /** The provider's or T.30's own code, verbatim, for the attempt record (e.g. "6100", "T30:48"). */
  rawCode: string | null;
  /** The provider's own message, verbatim. Never shown to staff as the explanation. */
  rawMessage: string | null;
  /** Seconds the provider asked us to wait (429 Retry-After). */
  retryAfterSeconds?: number;
}

export interface TransportDocument {
  /** PDF whose pages are exactly our 1-bit fax pages (CCITT G4 images). What providers receive. */
  pdf: Uint8Array;
  /** Multi-page TIFF, CCITT Group 4, 1728 px wide. What the test line transmits. */
  tiff: Uint8Array;
  pageCount: number;
}

export interface TransportSubmission {
  /** Our fax id (uuid). */
  faxId: string;
  /** Our reference, e.g. "CF-7K3M9Q2A": sent as provider tag / station id; used to look a fax up. */
  reference: string;
  /** 1 for the first try. A lookup by reference + attempt never matches an earlier attempt. */
  attempt: number;
  /** E.164, e.g. "+16045550142". */
  toNumber: string;
  /** E.164 caller id, or null for the account default. */
  fromNumber: string | null;
  /** Recipient's display name (a person or organization, not the patient). */
  recipientName: string;
  document: TransportDocument;
}

export interface TransportReport {
  /** The transport's id for this transmission (provider fax id; for the test line a call id). */
  providerFaxId: string;
  status: TransportFaxStatus;
  pagesTransmitted: number;
  failure: TransportFailure | null;
  /** Test line and some providers: what the far end said about itself. */
  remoteStationId?: string | null;
  negotiatedBitRate?: number | null;
  /** Seconds on the line. */
  durationSeconds?: number | null;
  completedAt?: Date | null;
}

export interface TransportCapabilities {
  /** Completes the call inside submit() (test line) instead of reporting later by webhook/poll. */
  synchronous: boolean;
  /** Reports how many pages went through on failure, so a retry can send only the rest. */
  partialResend: boolean;
  /** Pushes status by webhook. */
  webhooks: boolean;
}

export interface FaxTransport {
  readonly id: TransportId;
  readonly capabilities: TransportCapabilities;
  /**
   * Send one attempt. For synchronous transports resolves with the final report; otherwise with
   * status 'accepted' (or 'sending') and the provider's id. Throws FaxError with a FailureCause code
   * when the attempt was refused outright (auth, validation, rate limit...). An ambiguous outcome
   * (timeout, 5xx, connection reset after the request was written) throws FaxError('provider-outage')
   * and the engine then calls findByReference before submitting again.
   */
  submit(submission: TransportSubmission, signal?: AbortSignal): Promise<TransportReport>;
  /** Look an attempt up by our reference and attempt number; null if the transport never got it. */
  findByReference(reference: string, attempt: number): Promise<TransportReport | null>;
  /** Current state of a transmission the transport accepted. */
  getStatus(providerFaxId: string): Promise<TransportReport>;
}

/** A status event pushed by a provider's webhook, after verification and parsing. */
export interface TransportEvent {
  /** Provider's id for the event if it has one, else a hash of the body: used to drop duplicates. */
  eventId: string;
  providerFaxId: string;
  /** Our reference, when the provider echoes our tag. */
  reference: string | null;
  report: TransportReport;
  occurredAt: Date;
}

/** What a provider account looks like once credentials check out. */
export interface ProviderAccount {
  accountName: string;
  numbers: { number: string; label: string | null }[];
}
