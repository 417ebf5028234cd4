/**
 * What a cloud fax provider adds to the FaxTransport interface: checking an account, listing its
 * numbers and reading its webhooks.
 */
import type { FaxTransport, ProviderAccount, TransportEvent } from '../../core/transport';
import type { WebhookRequest } from './webhook-request';

export type ProviderNumber = ProviderAccount['numbers'][number];

export interface ProviderTransport extends FaxTransport {
  /**
   * Calls the provider with these credentials and returns the account's name and fax numbers.
   * Throws FaxError('credentials-rejected') with a message saying what to fix, or
   * FaxError('provider-unreachable') when the provider cannot be reached.
   */
  verifyCredentials(signal?: AbortSignal): Promise<ProviderAccount>;
  listNumbers(signal?: AbortSignal): Promise<ProviderNumber[]>;
  /**
   * Verifies a webhook (signature or Basic credentials) and turns it into events. Throws
   * FaxError('unauthenticated') when verification fails; returns [] for events that are not about
   * an outbound fax.
   */
  parseWebhook(request: WebhookRequest): Promise<TransportEvent[]>;
}

/** Options every provider factory accepts besides its credentials. */
export interface ProviderTransportOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}
