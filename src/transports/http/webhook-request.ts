/**
 * Shared pieces for reading provider webhooks: header lookup, multipart bodies, HTTP Basic checks,
 * and event ids that stay the same when a provider delivers the same event twice.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import { FaxError } from '../../core/errors';

/** A webhook exactly as it reached Chartfax. The body must be the raw bytes: signatures cover them. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** The public URL the provider posted to, exactly as configured at the provider (query included). */
  url: string;
  /** The HTTP Basic credentials Chartfax generated for providers that sign nothing (Documo). */
  basicAuth?: { username: string; password: string };
}

export function headerValue(headers: WebhookRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** Throws FaxError('unauthenticated') unless the Authorization header carries the expected Basic pair. */
export function assertBasicAuth(
  headers: WebhookRequest['headers'],
  expected: { username: string; password: string } | undefined,
  providerName: string,
): void {
  if (!expected || expected.username === '' || expected.password === '') {
    throw new FaxError('unauthenticated', `No webhook password is set up for ${providerName}, so the webhook was refused.`);
  }
  const header = headerValue(headers, 'authorization') ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const wanted = `${expected.username}:${expected.password}`;
  if (!constantTimeEqual(decoded, wanted)) {
    throw new FaxError('unauthenticated', `The ${providerName} webhook did not carry the expected credentials.`);
  }
}

export interface MultipartBody {
  fields: [string, string][];
  files: [string, Uint8Array][];
}

/** Parses a multipart/form-data or urlencoded body with the platform's own parser. */
export async function readFormBody(rawBody: Buffer, contentType: string): Promise<MultipartBody> {
  const form = await new Response(new Uint8Array(rawBody), {
    headers: { 'content-type': contentType },
  }).formData();
  const fields: [string, string][] = [];
  const files: [string, Uint8Array][] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.push([name, value]);
    else files.push([name, new Uint8Array(await value.arrayBuffer())]);
  }
  return { fields, files };
}

/** An event id built from what identifies the event, so redeliveries of it get the same id. */
export function stableEventId(provider: string, parts: (string | number | null | undefined)[]): string {
  const digest = createHash('sha256')
    .update(parts.map((part) => String(part ?? '')).join('\u001f'))
    .digest('hex')
    .slice(0, 32);
  return `${provider}:${digest}`;
}
