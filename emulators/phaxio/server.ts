/**
 * A local stand-in for Phaxio's API v2.1: HTTP Basic (key:secret), `{ success, message, data }`
 * bodies, `POST /faxes` (multipart: to, file, caller_id, tag[name], callback_url), `GET /faxes/{id}`,
 * `GET /faxes` with tag filters, `GET /account/status`, `GET /phone_numbers`, and `fax_completed`
 * callbacks (multipart) signed with X-Phaxio-Signature using the account's webhook token.
 */
import { createHmac, randomBytes } from 'node:crypto';

import {
  FaultQueue,
  Timers,
  WEBHOOK_FAULTS,
  WebhookOutbox,
  countPdfPages,
  isPdf,
  readForm,
  runProgress,
  startEmulatorServer,
  type EmulatorReply,
  type EmulatorRequest,
  type FaultKind,
  type RunningEmulator,
  type WebhookMessage,
} from '../shared/emulator-server';
import { isE164, scriptedOutcome, type ScriptedOutcome } from '../shared/scripted-numbers';

export interface PhaxioEmulatorOptions {
  port?: number;
  apiKey?: string;
  apiSecret?: string;
  /** The account's webhook token; signs callbacks. */
  callbackToken?: string;
  /** Account-wide webhook URL (Phaxio console); a fax's callback_url overrides it. */
  callbackUrl?: string;
  numbers?: { number: string; label: string | null }[];
  stepDelayMs?: number;
}

export interface PhaxioEmulator extends RunningEmulator {
  /** What to configure as the adapter's base URL (the API lives under /v2.1). */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  callbackToken: string;
  numbers: { number: string; label: string | null }[];
  drainWebhooks(): Promise<void>;
}

interface StoredFax {
  id: number;
  status: string;
  to: string;
  callerId: string;
  numPages: number;
  tags: Record<string, string>;
  callbackUrl: string | null;
  createdAt: string;
  completedAt: string | null;
  recipientStatus: string;
  errorType: string | null;
  errorId: number | null;
  errorMessage: string | null;
  outcome: ScriptedOutcome;
}

/** Error types and ids from Phaxio's published error list. */
const FAILURES: Record<Exclude<ScriptedOutcome, 'delivered'>, { type: string; id: number; message: string }> = {
  busy: { type: 'lineError', id: 17, message: 'Busy' },
  'no-answer': { type: 'lineError', id: 112, message: 'No answer' },
  voice: { type: 'faxError', id: 132, message: 'No fax tone detected' },
  'drop-after-page-1': {
    type: 'lineError',
    id: 11,
    message: 'Call dropped prematurely',
  },
  'document-rejected': {
    type: 'documentConversionError',
    id: 133,
    message: 'Failed to normalize PDF document',
  },
};

const DEFAULT_NUMBERS = [
  { number: '+16045550189', label: 'Vancouver, BC' },
  { number: '+16045550188', label: null },
];

function signature(token: string, url: string, fields: [string, string][]): string {
  const sorted = [...fields].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return createHmac('sha1', token)
    .update(url + sorted.map(([name, value]) => name + value).join(''))
    .digest('hex');
}

export async function startPhaxioEmulator(options: PhaxioEmulatorOptions = {}): Promise<PhaxioEmulator> {
  const apiKey = options.apiKey ?? randomBytes(20).toString('hex');
  const apiSecret = options.apiSecret ?? randomBytes(20).toString('hex');
  const callbackToken = options.callbackToken ?? randomBytes(16).toString('hex');
  const numbers = options.numbers ?? DEFAULT_NUMBERS;
  const stepDelayMs = options.stepDelayMs ?? 20;
  const faults = new FaultQueue();
  const timers = new Timers();
  const outbox = new WebhookOutbox(timers);
  const faxes = new Map<number, StoredFax>();
  let nextId = 70_000_000 + Math.floor(Math.random() * 1_000_000);
  let accountCallbackUrl = options.callbackUrl ?? null;

  const ok = (message: string, data?: unknown): EmulatorReply => ({
    status: 200,
    body: { success: true, message, data },
  });
  const fail = (status: number, message: string): EmulatorReply => ({
    status,
    body: { success: false, message },
  });

  function faxObject(fax: StoredFax): Record<string, unknown> {
    return {
      id: fax.id,
      direction: 'sent',
      num_pages: fax.numPages,
      cost: 7 * fax.numPages,
      status: fax.status,
      is_test: true,
      created_at: fax.createdAt,
      caller_id: fax.callerId,
      from_number: null,
      completed_at: fax.completedAt,
      tags: fax.tags,
      recipients: [
        {
          phone_number: fax.to,
          status: fax.recipientStatus,
          retry_count: 0,
          completed_at: fax.completedAt,
          bitrate: fax.completedAt ? 14400 : null,
          resolution: fax.completedAt ? 7700 : null,
          error_type: fax.errorType,
          error_id: fax.errorId,
          error_message: fax.errorMessage,
        },
      ],
      error_type: fax.errorType,
      error_id: fax.errorId,
      error_message: fax.errorMessage,
    };
  }

  function completedWebhook(fax: StoredFax): WebhookMessage[] {
    const url = fax.callbackUrl ?? accountCallbackUrl;
    if (!url) return [];
    const fields: [string, string][] = [
      ['success', fax.status === 'success' ? 'true' : 'false'],
      ['is_test', 'true'],
      ['direction', 'sent'],
      ['fax', JSON.stringify(faxObject(fax))],
      ['metadata', ''],
      ['message', fax.status === 'success' ? 'Fax sent successfully' : (fax.errorMessage ?? 'Fax failed')],
      ['event_type', 'fax_completed'],
    ];
    const boundary = `----phaxio${randomBytes(8).toString('hex')}`;
    const body =
      fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}--\r\n`;
    return [
      {
        url,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-phaxio-signature': signature(callbackToken, url, fields),
        },
        body,
      },
    ];
  }

  function startProgress(fax: StoredFax, faultSet: Set<FaultKind>): void {
    runProgress(
      String(fax.id),
      [
        {
          apply: () => {
            fax.status = 'inprogress';
            fax.recipientStatus = 'callactive';
          },
          webhooks: () => [], // Inflight webhooks are off unless enabled in the console.
        },
        {
          apply: () => {
            fax.completedAt = new Date().toISOString();
            if (fax.outcome === 'delivered') {
              fax.status = 'success';
              fax.recipientStatus = 'success';
              return;
            }
            const failure = FAILURES[fax.outcome];
            fax.status = 'failure';
            fax.recipientStatus = 'failure';
            fax.errorType = failure.type;
            fax.errorId = failure.id;
            fax.errorMessage = failure.message;
          },
          webhooks: () => completedWebhook(fax),
          final: true,
        },
      ],
      { timers, outbox, stepDelayMs, faults: faultSet },
    );
  }

  async function createFax(request: EmulatorRequest): Promise<EmulatorReply> {
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      return fail(422, 'Request must be multipart/form-data');
    }
    const form = await readForm(request);
    const to = form.fields.get('to')?.[0] ?? form.fields.get('to[]')?.[0];
    if (!to) return fail(422, 'The to field is required.');
    if (!isE164(to)) return fail(422, `The to phone number ${to} is invalid. Use E.164 format.`);
    const files = [...(form.files.get('file') ?? []), ...(form.files.get('file[]') ?? [])];
    if (files.length === 0 && !form.fields.get('content_url')) return fail(422, 'You must include a file or content_url.');
    if (!files.every((file) => isPdf(file.bytes))) return fail(422, 'The file could not be converted: unsupported file type.');
    const callerId = form.fields.get('caller_id')?.[0];
    if (callerId && !numbers.some((n) => n.number === callerId)) {
      return fail(422, `The caller_id ${callerId} is not a phone number on your account.`);
    }
    const tags: Record<string, string> = {};
    for (const [name, values] of form.fields) {
      const match = /^tag\[(.+)\]$/.exec(name);
      if (match?.[1] && values[0] !== undefined) tags[match[1]] = values[0];
    }
    nextId += 1;
    const fax: StoredFax = {
      id: nextId,
      status: 'queued',
      to,
      callerId: callerId ?? numbers[0]?.number ?? '',
      numPages: files.reduce((sum, file) => sum + countPdfPages(file.bytes), 0),
      tags,
      callbackUrl: form.fields.get('callback_url')?.[0] ?? null,
      createdAt: new Date().toISOString(),
      completedAt: null,
      recipientStatus: 'queued',
      errorType: null,
      errorId: null,
      errorMessage: null,
      outcome: scriptedOutcome(to),
    };
    faxes.set(fax.id, fax);
    startProgress(fax, faults.takeAll(WEBHOOK_FAULTS));
    if (faults.take(['accept-then-500'])) return fail(500, 'Internal server error');
    return ok('Fax queued for sending', { id: fax.id });
  }

  function listFaxes(request: EmulatorRequest): EmulatorReply {
    const params = request.url.searchParams;
    const perPage = Math.min(Number(params.get('per_page') ?? 20) || 20, 1000);
    const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
    const tagFilters = [...params.entries()].flatMap(([name, value]) => {
      const match = /^tag\[(.+)\]$/.exec(name);
      return match?.[1] ? [[match[1], value] as const] : [];
    });
    const direction = params.get('direction');
    const matching = [...faxes.values()]
      .reverse()
      // Every emulated fax is outbound ("sent"); asking for received ones finds none.
      .filter(() => !direction || direction === 'sent')
      .filter((fax) => tagFilters.every(([name, value]) => fax.tags[name] === value));
    const data = matching.slice((page - 1) * perPage, page * perPage).map(faxObject);
    return {
      status: 200,
      body: {
        success: true,
        message: `Retrieved faxes successfully`,
        data,
        paging: { total: matching.length, per_page: perPage, page },
      },
    };
  }

  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;

  const running = await startEmulatorServer({
    port: options.port,
    faults,
    timers,
    outbox,
    handlers: {
      async handle(request) {
        if (!request.path.startsWith('/v2.1/')) return null;
        if (request.headers.authorization !== expectedAuth) return fail(401, 'That key and secret combination is not valid.');
        const method = request.method;
        const path = request.path.slice('/v2.1'.length);
        if (method === 'POST' && path === '/faxes') return createFax(request);
        if (method === 'GET' && path === '/faxes') return listFaxes(request);
        const one = /^\/faxes\/(\d+)$/.exec(path);
        if (method === 'GET' && one?.[1]) {
          const fax = faxes.get(Number(one[1]));
          return fax ? ok('Retrieved fax successfully', faxObject(fax)) : fail(404, 'Fax not found');
        }
        if (method === 'GET' && path === '/account/status') {
          const sent = faxes.size;
          return ok('Account status retrieved successfully', {
            balance: 5000,
            faxes_today: { sent, received: 0 },
            faxes_this_month: { sent, received: 0 },
          });
        }
        if (method === 'GET' && path === '/phone_numbers') {
          return ok(
            'Retrieved user phone numbers successfully',
            numbers.map((n) => ({
              phone_number: n.number,
              city: n.label?.split(', ')[0] ?? '',
              state: n.label?.split(', ')[1] ?? '',
              country: 'CA',
              cost: 200,
              callback_url: null,
            })),
          );
        }
        return null;
      },
      faultReply(kind) {
        switch (kind) {
          case '401':
            return fail(401, 'That key and secret combination is not valid.');
          case '403-trial-ended':
            return fail(403, 'Your account has been suspended.');
          case '429':
            return {
              status: 429,
              headers: { 'retry-after': '7' },
              body: { success: false, message: 'Rate limit exceeded.' },
            };
          default:
            return fail(500, 'Internal server error');
        }
      },
      received() {
        return [...faxes.values()].map((fax) => ({
          id: String(fax.id),
          to: fax.to,
          from: fax.callerId,
          tags: fax.tags,
          pages: fax.numPages,
          status: fax.status,
          createdAt: fax.createdAt,
        }));
      },
      configureWebhook(body) {
        accountCallbackUrl = typeof body.url === 'string' ? body.url : null;
      },
    },
  });

  return {
    ...running,
    baseUrl: `${running.url}/v2.1`,
    apiKey,
    apiSecret,
    callbackToken,
    numbers,
    drainWebhooks: () => outbox.drain(),
  };
}
