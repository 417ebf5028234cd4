/**
 * Deliver one event to a host system's webhook endpoint.
 *
 * Signing: `Chartfax-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the
 * endpoint's secret, so the receiver can check both origin and freshness (docs/webhooks.md).
 * Failures are recorded on the delivery and thrown, so the queue retries with backoff; after
 * MAX_WEBHOOK_ATTEMPTS the delivery is marked failed and no longer retried.
 */
import crypto from 'node:crypto';
import { findWebhookDeliveryForSending, recordWebhookAttempt } from '../db/repositories/webhooks';
import type { JobDeps } from './job-deps';

/** Matches the queue's retryLimit for deliver-webhook (1 attempt + retries). */
export const MAX_WEBHOOK_ATTEMPTS = 10;
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'Chartfax-Signature';
export const EVENT_ID_HEADER = 'Chartfax-Event-Id';

/** hex HMAC-SHA256 of "<t>.<body>" */
export function computeWebhookSignature(secret: string, timestampSeconds: number, rawBody: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, rawBody: string): string {
  return `t=${timestampSeconds},v1=${computeWebhookSignature(secret, timestampSeconds, rawBody)}`;
}

/** Thrown so the queue retries; carries no response body (it may echo what we sent). */
export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

export async function handleDeliverWebhook(deps: JobDeps, payload: { deliveryId: string }): Promise<void> {
  const delivery = await findWebhookDeliveryForSending(deps.db, payload.deliveryId);
  if (!delivery || delivery.status !== 'pending') return;
  if (delivery.disabled_at) {
    await recordWebhookAttempt(deps.db, delivery.id, {
      status: 'failed',
      attempts: delivery.attempts,
      lastStatusCode: delivery.last_status_code,
      lastError: 'The endpoint was removed before this event could be delivered.',
      deliveredAt: null,
    });
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const t = Math.floor(deps.clock.now().getTime() / 1000);
  const attempts = delivery.attempts + 1;
  let statusCode: number | null = null;
  let problem: string | null = null;
  try {
    const response = await deps.fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Chartfax-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(deps.secrets.open(delivery.secret_encrypted), t, body),
        [EVENT_ID_HEADER]: delivery.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    statusCode = response.status;
    // Drain the body so the connection is released; its content is not kept.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) problem = `The endpoint answered HTTP ${response.status}.`;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    problem =
      name === 'TimeoutError' || name === 'AbortError'
        ? `The endpoint did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} seconds.`
        : 'The endpoint could not be reached.';
  }
  if (problem === null) {
    await recordWebhookAttempt(deps.db, delivery.id, {
      status: 'delivered',
      attempts,
      lastStatusCode: statusCode,
      lastError: null,
      deliveredAt: deps.clock.now(),
    });
    return;
  }
  const giveUp = attempts >= MAX_WEBHOOK_ATTEMPTS;
  await recordWebhookAttempt(deps.db, delivery.id, {
    status: giveUp ? 'failed' : 'pending',
    attempts,
    lastStatusCode: statusCode,
    lastError: problem,
    deliveredAt: null,
  });
  if (!giveUp) throw new WebhookDeliveryError(problem);
}
