/**
 * The one error type of Chartfax and its closed list of codes.
 *
 * Codes fall in two groups: request problems raised at the edge (validation, permissions, lookups)
 * and the causes a fax transmission can fail for. Every code has exactly one row in
 * {@link ERROR_CATALOG}: its HTTP status, whether a fax that failed for it is retried, and the
 * sentence staff read. A test keeps docs/errors.md in step with this list.
 */

export const FAILURE_CAUSES = [
  'busy',
  'no-answer',
  'line-failure',
  'voice-answered',
  'rejected-by-receiver',
  'invalid-number',
  'document-error',
  'account-error',
  'caller-id-not-allowed',
  'rate-limited',
  'provider-outage',
  'cancelled',
  'unknown',
] as const;

/** Why a transmission attempt failed, in Chartfax's own words (providers' codes map onto these). */
export type FailureCause = (typeof FAILURE_CAUSES)[number];

export const REQUEST_ERROR_CODES = [
  'validation-failed',
  'malformed-request',
  'payload-too-large',
  'unauthenticated',
  'forbidden',
  'csrf-failed',
  'not-found',
  'conflict',
  'too-many-requests',
  'limit-exceeded',
  'empty-document',
  'cover-overflow',
  'international-disabled',
  'not-configured',
  'provider-unreachable',
  'credentials-rejected',
  'service-unavailable',
  'internal',
] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type ErrorCode = FailureCause | RequestErrorCode;

export interface ErrorCatalogEntry {
  httpStatus: number;
  /** A fax that failed for this reason is tried again by the retry policy. */
  retryable: boolean;
  /** Plain-language default explanation for staff; a thrown error may carry a more specific one. */
  explanation: string;
}

export const ERROR_CATALOG: Readonly<Record<ErrorCode, ErrorCatalogEntry>> = Object.freeze({
  busy: { httpStatus: 502, retryable: true, explanation: 'The line was busy.' },
  'no-answer': { httpStatus: 502, retryable: true, explanation: 'Nobody answered the call.' },
  'line-failure': {
    httpStatus: 502,
    retryable: true,
    explanation: 'The connection failed or dropped during the call.',
  },
  'voice-answered': {
    httpStatus: 502,
    retryable: false,
    explanation: 'A person or voicemail answered instead of a fax machine. Check that the number is a fax number.',
  },
  'rejected-by-receiver': {
    httpStatus: 502,
    retryable: true,
    explanation: 'The receiving fax machine refused the document.',
  },
  'invalid-number': {
    httpStatus: 422,
    retryable: false,
    explanation: 'The number is not a working fax number. Check it with the recipient.',
  },
  'document-error': {
    httpStatus: 500,
    retryable: false,
    explanation: 'Chartfax could not prepare the document for faxing. Nothing was sent.',
  },
  'account-error': {
    httpStatus: 502,
    retryable: false,
    explanation: 'The fax provider refused the clinic account. An owner or admin must check Settings → Integrations.',
  },
  'caller-id-not-allowed': {
    httpStatus: 502,
    retryable: false,
    explanation: 'The provider does not allow sending from this number. Choose a number the account owns in Settings → Fax numbers.',
  },
  'rate-limited': {
    httpStatus: 429,
    retryable: true,
    explanation: 'The fax provider asked Chartfax to slow down.',
  },
  'provider-outage': {
    httpStatus: 503,
    retryable: true,
    explanation: 'The fax provider is not responding.',
  },
  cancelled: { httpStatus: 409, retryable: false, explanation: 'The fax was cancelled.' },
  unknown: {
    httpStatus: 500,
    retryable: true,
    explanation: 'The fax failed for a reason the provider did not explain.',
  },
  'validation-failed': {
    httpStatus: 400,
    retryable: false,
    explanation: 'Some fields are not valid. Correct them and try again.',
  },
  'malformed-request': {
    httpStatus: 400,
    retryable: false,
    explanation: 'The request could not be read. Send valid JSON.',
  },
  'payload-too-large': {
    httpStatus: 413,
    retryable: false,
    explanation: 'The request is too large.',
  },
  unauthenticated: {
    httpStatus: 401,
    retryable: false,
    explanation: 'Sign in (or send a valid API key) to continue.',
  },
  forbidden: {
    httpStatus: 403,
    retryable: false,
    explanation: 'Your role does not allow this.',
  },
  'csrf-failed': {
    httpStatus: 403,
    retryable: false,
    explanation: 'The request is missing its security token. Reload the page and try again.',
  },
  'not-found': { httpStatus: 404, retryable: false, explanation: 'Not found.' },
  conflict: {
    httpStatus: 409,
    retryable: false,
    explanation: 'This cannot be done in the current state.',
  },
  'too-many-requests': {
    httpStatus: 429,
    retryable: false,
    explanation: 'Too many attempts. Wait a moment and try again.',
  },
  'limit-exceeded': {
    httpStatus: 422,
    retryable: false,
    explanation: 'The request goes past one of Chartfax’s limits.',
  },
  'empty-document': {
    httpStatus: 422,
    retryable: false,
    explanation: 'There is nothing to fax.',
  },
  'cover-overflow': {
    httpStatus: 422,
    retryable: false,
    explanation: 'The cover page would not fit on one page.',
  },
  'international-disabled': {
    httpStatus: 422,
    retryable: false,
    explanation: 'International faxing is turned off for this clinic. An owner or admin can turn it on in Settings.',
  },
  'not-configured': {
    httpStatus: 422,
    retryable: false,
    explanation: 'This needs to be set up in Settings first.',
  },
  'provider-unreachable': {
    httpStatus: 502,
    retryable: false,
    explanation: 'The fax provider could not be reached. Try again in a few minutes.',
  },
  'credentials-rejected': {
    httpStatus: 422,
    retryable: false,
    explanation: 'The provider rejected these credentials.',
  },
  'service-unavailable': {
    httpStatus: 503,
    retryable: true,
    explanation: 'Chartfax is temporarily unavailable. Try again shortly.',
  },
  internal: {
    httpStatus: 500,
    retryable: false,
    explanation: 'Something went wrong on our side. Try again; if it keeps happening, contact support.',
  },
});

/** Field-level messages for validation errors, keyed by a JSON path such as `recipient.faxNumber`. */
export type FieldErrors = Record<string, string>;

export class FaxError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly userMessage: string;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, userMessage?: string, options?: { fields?: FieldErrors; cause?: unknown }) {
    const entry = ERROR_CATALOG[code];
    super(userMessage ?? entry.explanation, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaxError';
    this.code = code;
    this.retryable = entry.retryable;
    this.userMessage = userMessage ?? entry.explanation;
    this.fields = options?.fields;
  }

  get httpStatus(): number {
    return ERROR_CATALOG[this.code].httpStatus;
  }
}

export function isFailureCause(code: string): code is FailureCause {
  return (FAILURE_CAUSES as readonly string[]).includes(code);
}
