/**
 * The one way provider adapters talk HTTP: a timeout on every call, and a clear answer to the
 * question that matters for faxes — could the provider have acted on this request?
 *
 * A request that never left (connection refused, DNS failure) is "unreachable": the provider did
 * nothing. A request that timed out or whose connection dropped after it was written is
 * "ambiguous": the provider may have accepted it, so a submission must be looked up by reference
 * before it is tried again (never a double send of patient records).
 */
import type { FailureCause } from '../../core/errors';
import { TransportError } from '../../core/transport-error';

export const DEFAULT_PROVIDER_TIMEOUT_MS = 15_000;

export interface ProviderHttpConfig {
  /** Shown in messages ("Documo", "Phaxio"...). */
  providerName: string;
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path relative to the base URL, with its query string. */
  path: string;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
  signal?: AbortSignal;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or null when the body is not JSON. */
  json: unknown;
}

/** Raised when no HTTP response came back. `kind` says whether the provider could have acted. */
export class ProviderHttpFailure extends Error {
  readonly kind: 'unreachable' | 'ambiguous';
  /** A short machine code: "timeout", "ECONNRESET", "ECONNREFUSED"... */
  readonly code: string;

  constructor(kind: 'unreachable' | 'ambiguous', code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProviderHttpFailure';
    this.kind = kind;
    this.code = code;
  }
}

/** Network errors raised before any byte of the request reached the provider. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'network-error';
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

export async function sendProviderRequest(config: ProviderHttpConfig, request: ProviderRequest): Promise<ProviderResponse> {
  const doFetch = config.fetch ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeoutSignal]) : timeoutSignal;
  const url = joinUrl(config.baseUrl, request.path);

  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method: request.method,
      headers: { accept: 'application/json', ...request.headers },
      body: request.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    if (timeoutSignal.aborted) {
      throw new ProviderHttpFailure(
        'ambiguous',
        'timeout',
        `${config.providerName} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        error,
      );
    }
    const code = networkErrorCode(error);
    const kind = NEVER_SENT_CODES.has(code) ? 'unreachable' : 'ambiguous';
    throw new ProviderHttpFailure(kind, code, `${config.providerName} could not be reached (${code}).`, error);
  }

  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Seconds to wait from a Retry-After header: either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns undefined when the header is missing or unreadable.
 */
export function parseRetryAfterSeconds(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/** The provider-outage error an ambiguous or failed exchange turns into during fax operations. */
export function outageError(providerName: string, failure: ProviderHttpFailure | ProviderResponse): TransportError {
  if (failure instanceof ProviderHttpFailure) {
    return new TransportError(
      {
        cause: 'provider-outage',
        rawCode: failure.code,
        rawMessage: failure.message,
      },
      failure.kind === 'ambiguous'
        ? `${providerName} did not confirm the request. Chartfax will check whether it arrived before trying again.`
        : `${providerName} could not be reached. Chartfax will try again.`,
      { cause: failure },
    );
  }
  return new TransportError(
    {
      cause: 'provider-outage',
      rawCode: `HTTP ${failure.status}`,
      rawMessage: failure.text.slice(0, 500) || null,
    },
    `${providerName} answered with an error (HTTP ${failure.status}). Chartfax will check whether the fax arrived before trying again.`,
  );
}

/** A refusal of the request itself, with the provider's words kept for the attempt record. */
export function refusalError(
  cause: FailureCause,
  rawCode: string | null,
  rawMessage: string | null,
  userMessage?: string,
  retryAfterSeconds?: number,
): TransportError {
  const failure = {
    cause,
    rawCode,
    rawMessage,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
  return new TransportError(failure, userMessage);
}
