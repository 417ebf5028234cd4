/**
 * Webhook endpoints of host systems: where Chartfax POSTs fax status changes. The signing secret is
 * shown once, on creation, and stored sealed (SecretBox).
 */
import crypto from 'node:crypto';
import { FaxError } from '../core/errors';
import {
  disableWebhookEndpoint,
  findActiveWebhookEndpoints,
  findWebhookDeliveries,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../db/repositories/webhooks';
import type { SecretBox } from '../db/secret-box';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export interface WebhookEndpointsDeps extends ServiceDeps {
  secrets: SecretBox;
}

export const MAX_WEBHOOK_ENDPOINTS = 10;
export const MAX_LISTED_DELIVERIES = 100;

export function toWebhookEndpointDto(e: WebhookEndpoint) {
  return { id: e.id, url: e.url, description: e.description, createdAt: e.created_at.toISOString(), active: e.disabled_at === null };
}

export function toWebhookDeliveryDto(d: WebhookDelivery) {
  return {
    id: d.id,
    event: d.event,
    faxId: d.fax_id,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at.toISOString(),
    deliveredAt: d.delivered_at?.toISOString() ?? null,
  };
}

/**
 * https anywhere; plain http only to this machine (a host system's receiver on the same server, or
 * tests). Events carry no PHI, but the signature secret and ids still deserve TLS on a network.
 */
export function checkWebhookUrl(raw: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problem: 'Enter a full address, for example https://ehr.example.com/chartfax/events.' };
  }
  if (url.username || url.password)
    return { problem: 'Leave user names and passwords out of the address; Chartfax signs every request instead.' };
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:') return { url: url.toString() };
  if (url.protocol === 'http:' && local) return { url: url.toString() };
  if (url.protocol === 'http:') return { problem: 'Use an https:// address; plain http is only allowed for localhost and 127.0.0.1.' };
  return { problem: 'The address must start with https://.' };
}

const notFound = () => new FaxError('not-found', 'No webhook endpoint with this id in your clinic.');

export async function listWebhookEndpoints(deps: WebhookEndpointsDeps, principal: Principal) {
  requirePermission(principal, 'api-keys:manage');
  return { endpoints: (await findActiveWebhookEndpoints(deps.db, principal.clinicId)).map(toWebhookEndpointDto) };
}

export async function createWebhookEndpoint(
  deps: WebhookEndpointsDeps,
  principal: Principal,
  input: { url: string; description?: string },
) {
  requirePermission(principal, 'api-keys:manage');
  const checked = checkWebhookUrl(input.url);
  if ('problem' in checked) throw new FaxError('validation-failed', checked.problem, { fields: { url: checked.problem } });
  const existing = await findActiveWebhookEndpoints(deps.db, principal.clinicId);
  if (existing.length >= MAX_WEBHOOK_ENDPOINTS)
    throw new FaxError('limit-exceeded', `A clinic can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints. Remove one first.`);
  const secret = `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  const endpoint = await insertWebhookEndpoint(deps.db, {
    clinicId: principal.clinicId,
    url: checked.url,
    secretSealed: deps.secrets.seal(secret),
    description: (input.description ?? '').trim(),
    createdAt: deps.clock.now(),
  });
  return { ...toWebhookEndpointDto(endpoint), secret };
}

export async function deleteWebhookEndpoint(deps: WebhookEndpointsDeps, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'api-keys:manage');
  if (!(await disableWebhookEndpoint(deps.db, principal.clinicId, id, deps.clock.now()))) throw notFound();
}

export async function listWebhookDeliveries(deps: WebhookEndpointsDeps, principal: Principal, endpointId: string) {
  requirePermission(principal, 'api-keys:manage');
  const endpoint = await findWebhookEndpoint(deps.db, principal.clinicId, endpointId);
  if (!endpoint) throw notFound();
  return {
    endpoint: toWebhookEndpointDto(endpoint),
    deliveries: (await findWebhookDeliveries(deps.db, principal.clinicId, endpointId, MAX_LISTED_DELIVERIES)).map(toWebhookDeliveryDto),
  };
}
