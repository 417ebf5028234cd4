/**
 * A throwaway HTTP endpoint that records webhooks exactly as they arrive (raw bytes and headers).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WebhookRequest } from '../../../src/transports/http/webhook-request';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  url: string;
}

export interface WebhookSink {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once at least `count` webhooks have arrived. */
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  asRequest(webhook: ReceivedWebhook, extra?: Partial<WebhookRequest>): WebhookRequest;
  close(): Promise<void>;
}

export async function startWebhookSink(path = '/webhooks/provider'): Promise<WebhookSink> {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        rawBody: Buffer.concat(chunks),
        url: `${base}${req.url ?? ''}`,
      });
      res.writeHead(200).end();
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}${path}`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    asRequest(webhook, extra = {}) {
      return {
        headers: webhook.headers,
        rawBody: webhook.rawBody,
        url: webhook.url,
        ...extra,
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Arms an emulator fault through its public control API, as a test or a person would. */
export async function injectFault(emulatorUrl: string, kind: string, count = 1): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, count }),
  });
  if (response.status !== 204) throw new Error(`Fault ${kind} was refused: ${response.status}`);
}

export async function receivedFaxes(emulatorUrl: string): Promise<{ id: string; to: string }[]> {
  const response = await fetch(`${emulatorUrl}/__emulator/faxes`);
  return ((await response.json()) as { faxes: { id: string; to: string }[] }).faxes;
}

/** Expects `promise` to reject with a FaxError of `code`; returns the error for further checks. */
export async function rejectsWith<T = { code: string; userMessage: string; failure?: Record<string, unknown> }>(
  promise: Promise<unknown>,
  code: string,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    const actual = (error as { code?: string }).code;
    if (actual !== code) throw new Error(`Expected FaxError ${code}, got ${actual ?? String(error)}`, { cause: error });
    return error as T;
  }
  throw new Error(`Expected FaxError ${code}, but it resolved`);
}
