/**
 * A FaxError raised by a transport, carrying the provider's own code and message.
 *
 * FaxError alone cannot hold what the attempt record needs when a provider refuses a submission
 * outright (the raw code, the raw message, a Retry-After delay), so transports throw this subclass.
 * Code that only cares about the cause can keep treating it as a FaxError.
 */
import { FaxError } from './errors';
import type { TransportFailure } from './transport';

export class TransportError extends FaxError {
  readonly failure: TransportFailure;

  constructor(failure: TransportFailure, userMessage?: string, options?: { cause?: unknown }) {
    super(failure.cause, userMessage, options);
    this.name = 'TransportError';
    this.failure = failure;
  }
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}
