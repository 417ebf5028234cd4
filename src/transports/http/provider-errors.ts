/**
 * Helpers shared by the adapters for reading provider error bodies and for the two credential-check
 * failures staff see in Settings.
 */
import { FaxError } from '../../core/errors';
import { ProviderHttpFailure, type ProviderResponse } from './provider-http';

/** The provider's own error message from a JSON or text body, for the attempt record. */
export function errorMessageOf(response: ProviderResponse): string | null {
  const body = response.json as Record<string, unknown> | null;
  if (body && typeof body === 'object') {
    for (const key of ['message', 'error', 'detail', 'title']) {
      const value = body[key];
      if (typeof value === 'string' && value !== '') return value;
      if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
        return (value as { message: string }).message;
      }
    }
    const errors = body.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const first = errors[0] as { detail?: unknown; title?: unknown };
      if (typeof first.detail === 'string') return first.detail;
      if (typeof first.title === 'string') return first.title;
    }
  }
  const text = response.text.trim();
  return text === '' ? null : text.slice(0, 500);
}

/** Turns a failure to reach the provider during a credential check into the error staff see. */
/**
 * Run an account check (credentials, numbers): errors the adapter already explained pass through,
 * anything else (network, timeouts) becomes "the provider could not be reached".
 */
export async function duringAccountCheck<T>(providerName: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof FaxError) throw error;
    throw unreachableForCheck(providerName, error);
  }
}

export function unreachableForCheck(providerName: string, error: unknown): FaxError {
  if (error instanceof ProviderHttpFailure) {
    return new FaxError(
      'provider-unreachable',
      `${providerName} could not be reached (${error.code}). Check the server's internet connection and try again in a few minutes.`,
      { cause: error },
    );
  }
  return new FaxError('provider-unreachable', `${providerName} could not be reached. Try again in a few minutes.`, {
    cause: error,
  });
}

export function unavailableForCheck(providerName: string, response: ProviderResponse): FaxError {
  return new FaxError(
    'provider-unreachable',
    `${providerName} answered with an error (HTTP ${response.status}) while checking the credentials. Try again in a few minutes.`,
  );
}
