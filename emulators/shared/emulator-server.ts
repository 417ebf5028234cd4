/**
 * The HTTP shell shared by the provider emulators: a node:http server on 127.0.0.1, the control API
 * under /__emulator, injectable faults, timers and webhook deliveries that all stop on close().
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = [
  '401',
  '403-trial-ended',
  '429',
  '500',
  'timeout',
  'accept-then-500',
  'duplicate-webhooks',
  'reorder-webhooks',
  'drop-final-webhook',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that replace the answer to the next API request, whatever it is. */
export const REQUEST_FAULTS: readonly FaultKind[] = ['401', '403-trial-ended', '429', '500', 'timeout'];
/** Faults that change how the next submitted faxes progress and report. */
export const WEBHOOK_FAULTS: readonly FaultKind[] = ['duplicate-webhooks', 'reorder-webhooks', 'drop-final-webhook'];

export interface EmulatorRequest {
  method: string;
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface EmulatorReply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

/** Pending faults, each with how many more requests (or faxes) it applies to. */
export class FaultQueue {
  private readonly pending: { kind: FaultKind; remaining: number }[] = [];

  add(kind: FaultKind, count: number): void {
    this.pending.push({ kind, remaining: Math.max(1, Math.floor(count)) });
  }

  /** Consumes one use of the first pending fault among `kinds`. */
  take(kinds: readonly FaultKind[]): FaultKind | null {
    const entry = this.pending.find((item) => kinds.includes(item.kind) && item.remaining > 0);
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(this.pending.indexOf(entry), 1);
    return entry.kind;
  }

  /** Consumes every pending fault among `kinds` once (several webhook faults may combine). */
  takeAll(kinds: readonly FaultKind[]): Set<FaultKind> {
    const taken = new Set<FaultKind>();
    for (const kind of kinds) {
      if (this.take([kind])) taken.add(kind);
    }
    return taken;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

/** setTimeout that close() cancels, so a stopped emulator leaves nothing running. */
export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>();
  private closed = false;

  after(ms: number, run: () => void): void {
    if (this.closed) return;
    const handle = setTimeout(() => {
      this.handles.delete(handle);
      run();
    }, ms);
    this.handles.add(handle);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const handle of this.handles) clearTimeout(handle);
    this.handles.clear();
  }
}

export interface WebhookMessage {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * Posts webhooks one at a time per fax, in order, honouring the webhook faults. In-flight posts are
 * aborted on close().
 */
export class WebhookOutbox {
  private readonly controllers = new Set<AbortController>();
  private readonly chains = new Map<string, Promise<void>>();
  readonly delivered: { faxId: string; url: string; status: number | null }[] = [];

  constructor(private readonly timers: Timers) {}

  send(faxId: string, message: WebhookMessage): void {
    const previous = this.chains.get(faxId) ?? Promise.resolve();
    const next = previous.then(() => this.post(faxId, message));
    this.chains.set(faxId, next);
  }

  private async post(faxId: string, message: WebhookMessage): Promise<void> {
    if (this.timers.isClosed) return;
    const controller = new AbortController();
    this.controllers.add(controller);
    try {
      const response = await fetch(message.url, {
        method: 'POST',
        headers: message.headers,
        body: message.body,
        signal: controller.signal,
      });
      await response.arrayBuffer();
      this.delivered.push({ faxId, url: message.url, status: response.status });
    } catch {
      this.delivered.push({ faxId, url: message.url, status: null });
    } finally {
      this.controllers.delete(controller);
    }
  }

  /** Resolves once every queued webhook has been attempted. */
  async drain(): Promise<void> {
    await Promise.all(this.chains.values());
  }

  close(): void {
    for (const controller of this.controllers) controller.abort();
    this.controllers.clear();
  }
}

/**
 * Runs a fax's progress: each step changes state, then its webhooks go out (subject to faults).
 * `final` marks the step whose webhook 'drop-final-webhook' swallows.
 */
export interface ProgressStep {
  apply: () => void;
  webhooks: () => WebhookMessage[];
  final?: boolean;
}

export function runProgress(
  faxId: string,
  steps: ProgressStep[],
  options: {
    timers: Timers;
    outbox: WebhookOutbox;
    stepDelayMs: number;
    faults: Set<FaultKind>;
  },
): void {
  const held: WebhookMessage[] = [];
  const emit = (messages: WebhookMessage[], final: boolean) => {
    if (final && options.faults.has('drop-final-webhook')) return;
    const copies = options.faults.has('duplicate-webhooks') ? messages.flatMap((m) => [m, m]) : messages;
    if (options.faults.has('reorder-webhooks')) {
      held.push(...copies);
      // Out of order: everything goes out at the end, newest first.
      if (final) for (const message of held.reverse()) options.outbox.send(faxId, message);
      return;
    }
    for (const message of copies) options.outbox.send(faxId, message);
  };
  const runStep = (index: number) => {
    const step = steps[index];
    if (!step) return;
    step.apply();
    emit(step.webhooks(), step.final === true || index === steps.length - 1);
    if (index + 1 < steps.length) options.timers.after(options.stepDelayMs, () => runStep(index + 1));
  };
  options.timers.after(options.stepDelayMs, () => runStep(0));
}

export interface EmulatorHandlers {
  /** Answers a provider API request; null → 404. */
  handle(request: EmulatorRequest): Promise<EmulatorReply | null>;
  /** The provider's own error response for an injected request fault. */
  faultReply(kind: FaultKind, request: EmulatorRequest): EmulatorReply;
  /** What the emulator received, for GET /__emulator/faxes. */
  received(): unknown[];
  /** Emulator-only settings, for POST /__emulator/webhook (e.g. Documo's account webhook URL). */
  configureWebhook?(body: Record<string, unknown>): void;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  faults: FaultQueue;
  close(): Promise<void>;
}

function writeReply(res: ServerResponse, reply: EmulatorReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Uint8Array = '';
  if (reply.body instanceof Uint8Array || typeof reply.body === 'string') {
    payload = reply.body;
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function startEmulatorServer(options: {
  port?: number;
  host?: string;
  faults: FaultQueue;
  timers: Timers;
  outbox: WebhookOutbox;
  handlers: EmulatorHandlers;
}): Promise<RunningEmulator> {
  const { faults, timers, outbox, handlers } = options;
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        url,
        path: url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      void route(request, res).catch((error: unknown) => {
        writeReply(res, {
          status: 500,
          body: { message: `Emulator error: ${String(error)}` },
        });
      });
    });
  });

  async function route(request: EmulatorRequest, res: ServerResponse): Promise<void> {
    if (request.path.startsWith('/__emulator/')) {
      writeReply(res, control(request));
      return;
    }
    const fault = faults.take(REQUEST_FAULTS);
    if (fault === 'timeout') {
      // Never answer: the client's own timeout decides. close() destroys the socket.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault) {
      writeReply(res, handlers.faultReply(fault, request));
      return;
    }
    const reply = await handlers.handle(request);
    writeReply(res, reply ?? { status: 404, body: { message: 'Not found' } });
  }

  function control(request: EmulatorRequest): EmulatorReply {
    const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
    if (request.method === 'POST' && request.path === '/__emulator/faults') {
      const kind = body.kind;
      if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
        return {
          status: 400,
          body: { message: `kind must be one of ${FAULT_KINDS.join(', ')}` },
        };
      }
      const count = typeof body.count === 'number' ? body.count : 1;
      faults.add(kind as FaultKind, count);
      return { status: 204 };
    }
    if (request.method === 'DELETE' && request.path === '/__emulator/faults') {
      faults.clear();
      return { status: 204 };
    }
    if (request.method === 'GET' && request.path === '/__emulator/faxes') {
      return { status: 200, body: { faxes: handlers.received() } };
    }
    if (request.method === 'GET' && request.path === '/__emulator/webhooks') {
      return { status: 200, body: { webhooks: outbox.delivered } };
    }
    if (request.method === 'POST' && request.path === '/__emulator/webhook' && handlers.configureWebhook) {
      handlers.configureWebhook(body);
      return { status: 204 };
    }
    return {
      status: 404,
      body: { message: 'Unknown emulator control endpoint' },
    };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    faults,
    async close() {
      timers.close();
      outbox.close();
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads the fax documents we accept: PDF only, checked by its magic bytes. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Page count of a PDF by counting its page objects (enough for the PDFs Chartfax renders). */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  const matches = text.match(/\/Type\s*\/Page(?![s\w])/g);
  return Math.max(1, matches?.length ?? 0);
}

/** Parses multipart/form-data (or urlencoded) with the platform's own parser. */
export async function readForm(request: EmulatorRequest): Promise<{
  fields: Map<string, string[]>;
  files: Map<string, { name: string; bytes: Uint8Array }[]>;
}> {
  const contentType = String(request.headers['content-type'] ?? '');
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': contentType },
  }).formData();
  const fields = new Map<string, string[]>();
  const files = new Map<string, { name: string; bytes: Uint8Array }[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.set(name, [...(fields.get(name) ?? []), value]);
    else files.set(name, [...(files.get(name) ?? []), { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) }]);
  }
  return { fields, files };
}
