/** Names for the fax API's shapes, derived from the generated OpenAPI types. */
import type { ResponseBody } from '../api/client';
import type { paths } from '../api/api-types.gen';

export type FaxPreview = ResponseBody<'/api/fax-previews', 'post'>;
export type SendFaxBody = NonNullable<paths['/api/faxes']['post']['requestBody']>['content']['application/json'];
export type FaxSourceBody = SendFaxBody['source'];
export type FaxListPage = ResponseBody<'/api/faxes', 'get'>;
export type FaxListItem = FaxListPage['faxes'][number];
export type FaxDetail = ResponseBody<'/api/faxes/{id}', 'get'>;
export type FaxAttempt = FaxDetail['attempts'][number];
export type ContactSearch = ResponseBody<'/api/contacts', 'get'>;
export type Contact = ContactSearch['contacts'][number];
export type RecentRecipient = ContactSearch['recent'][number];

/** What the dialog faxes, with the words that tell staff what it is ("SOAP Note, 3 Mar 2025"). */
export interface FaxSourceChoice {
  body: FaxSourceBody;
  label: string;
  /** How many chart entries it holds, when known (a long document renders for a while). */
  entryCount?: number;
}

export const FINAL_FAX_STATUSES: readonly string[] = ['delivered', 'partially-delivered', 'failed', 'cancelled', 'expired'];

export function isFinalStatus(status: string): boolean {
  return FINAL_FAX_STATUSES.includes(status);
}

/** Status filter choices of the history, in the order a fax moves through them. */
export const FAX_STATUS_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'queued', label: 'Queued' },
  { value: 'rendering', label: 'Preparing pages' },
  { value: 'sending', label: 'Sending' },
  { value: 'waiting-to-retry', label: 'Waiting to retry' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'partially-delivered', label: 'Partially delivered' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'expired', label: 'Gave up' },
];

/** POST /api/faxes and /resend answer 202 Accepted, which the client's ResponseBody does not cover. */
export type FaxSummary = paths['/api/faxes']['post']['responses'][202]['content']['application/json'];

/** Tells fax lists on the screen (the patient's fax log, the history) that a fax was just sent. */
export const FAX_SENT_EVENT = 'chartfax:fax-sent';
