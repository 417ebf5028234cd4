/**
 * A local stand-in for Documo's mFax REST API, following what Documo and real integrations document:
 * `Authorization: Basic <raw API key>`, `POST /v1/faxes` (multipart: faxNumber, attachments,
 * callerId, tags...), `GET /v1/fax/{id}/info`, `GET /v1/fax/history`, account webhooks (`/webhooks`,
 * no /v1) posted as JSON "new webhooks" or multipart "legacy" ones with HTTP Basic auth.
 *
 * Where Documo documents nothing (result codes, the account and numbers endpoints, error bodies)
 * the emulator uses the values Chartfax's adapter expects and says so in comments: it is a test
 * double, not a specification.
 */
import { randomBytes, randomUUID } from 'node:crypto';

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
import { scriptedOutcome, type ScriptedOutcome } from '../shared/scripted-numbers';

export interface DocumoEmulatorOptions {
  port?: number;
  apiKey?: string;
  accountName?: string;
  /** Fax numbers the account owns, E.164. */
  numbers?: { number: string; label: string | null }[];
  /** Creates an account webhook at start (as if set up in Documo's Toolbox → Webhooks). */
  webhookUrl?: string;
  webhookAuth?: { username: string; password: string };
  webhookFormat?: 'json' | 'legacy';
  /** Delay between progress steps (processing → transmitting → result). */
  stepDelayMs?: number;
  /** Every call answers 403, as for an account whose trial has ended. */
  trialEnded?: boolean;
}

export interface DocumoEmulator extends RunningEmulator {
  /** What to configure as the adapter's base URL. */
  baseUrl: string;
  apiKey: string;
  accountName: string;
  numbers: { number: string; label: string | null }[];
  /** Waits until every webhook queued so far has been posted. */
  drainWebhooks(): Promise<void>;
}

interface DocumoWebhook {
  uuid: string;
  name: string;
  url: string;
  events: Record<string, boolean>;
  auth: { username: string; password: string } | null;
  format: 'json' | 'legacy';
}

interface StoredFax {
  messageId: string;
  status: string;
  faxNumber: string;
  faxCallerId: string;
  recipientName: string | null;
  pagesCount: number;
  pagesComplete: number;
  resultCode: string | null;
  resultInfo: string | null;
  tags: string[];
  createdAt: string;
  resolvedDate: string | null;
  duration: number | null;
  outcome: ScriptedOutcome;
}

/** Result codes the emulator reports. 6100/6000/5200 come from integrations; 8000 is a range guess. */
const FAILURES: Record<Exclude<ScriptedOutcome, 'delivered'>, { code: string; info: string; pages: 'none' | 'one' }> = {
  busy: { code: '6100', info: 'Fax Number Busy', pages: 'none' },
  'no-answer': { code: '6000', info: 'Fax Connect Failed', pages: 'none' },
  voice: { code: '6000', info: 'No Fax Tone Detected', pages: 'none' },
  'drop-after-page-1': {
    code: '8000',
    info: 'Fax Transmission Interrupted',
    pages: 'one',
  },
  'document-rejected': {
    code: '5200',
    info: 'Fax Rendering Issue',
    pages: 'none',
  },
};

const DEFAULT_NUMBERS = [
  { number: '+16045550199', label: 'Front desk' },
  { number: '+16045550198', label: null },
];

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

export async function startDocumoEmulator(options: DocumoEmulatorOptions = {}): Promise<DocumoEmulator> {
  const apiKey = options.apiKey ?? `emu_${randomBytes(18).toString('base64url')}`;
  const accountName = options.accountName ?? 'Riverside Family Clinic (emulated)';
  const numbers = options.numbers ?? DEFAULT_NUMBERS;
  const stepDelayMs = options.stepDelayMs ?? 20;
  const accountId = randomUUID();
  const faults = new FaultQueue();
  const timers = new Timers();
  const outbox = new WebhookOutbox(timers);
  const faxes = new Map<string, StoredFax>();
  const webhooks: DocumoWebhook[] = [];

  if (options.webhookUrl) {
    webhooks.push({
      uuid: randomUUID(),
      name: 'Chartfax',
      url: options.webhookUrl,
      events: {
        'fax.v1.outbound.complete': true,
        'fax.outbound.extended': true,
      },
      auth: options.webhookAuth ?? null,
      format: options.webhookFormat ?? 'json',
    });
  }

  function faxObject(fax: StoredFax): Record<string, unknown> {
    return {
      messageId: fax.messageId,
      status: fax.status,
      processingStatusName: fax.status,
      pagesCount: fax.pagesCount,
      pagesComplete: fax.pagesComplete,
      faxNumber: fax.faxNumber,
      faxCsid: 'mFax',
      faxCallerId: fax.faxCallerId,
      direction: 'outbound',
      accountId,
      channelType: 'api',
      createdAt: fax.createdAt,
      recipientName: fax.recipientName,
      duration: fax.duration,
      resultCode: fax.resultCode,
      resultInfo: fax.resultInfo,
      errorCode: null,
      errorInfo: null,
      resolvedDate: fax.resolvedDate,
      tags: fax.tags,
      isArchived: false,
    };
  }

  function webhookMessages(fax: StoredFax, final: boolean): WebhookMessage[] {
    const messages: WebhookMessage[] = [];
    for (const hook of webhooks) {
      const headers: Record<string, string> = {};
      if (hook.auth) {
        headers.authorization = `Basic ${Buffer.from(`${hook.auth.username}:${hook.auth.password}`).toString('base64')}`;
      }
      if (hook.format === 'legacy') {
        if (!hook.events['fax.outbound.extended'] && !(final && hook.events['fax.outbound'])) continue;
        const boundary = `----documo${randomBytes(8).toString('hex')}`;
        const body =
          `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(faxObject(fax))}\r\n` +
          `--${boundary}--\r\n`;
        messages.push({
          url: hook.url,
          headers: {
            ...headers,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          body,
        });
        continue;
      }
      if (!final) continue; // New webhooks only announce results (init events are "future feature").
      const outcomeEvent = fax.status === 'success' ? 'fax.v1.outbound.succeed' : 'fax.v1.outbound.failed';
      for (const event of [outcomeEvent, 'fax.v1.outbound.complete']) {
        if (!hook.events[event]) continue;
        messages.push({
          url: hook.url,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            event,
            messageId: fax.messageId,
            data: faxObject(fax),
          }),
        });
      }
    }
    return messages;
  }

  function startProgress(fax: StoredFax, faultSet: Set<FaultKind>): void {
    runProgress(
      fax.messageId,
      [
        {
          apply: () => {
            fax.status = 'transmitting';
          },
          webhooks: () => webhookMessages(fax, false),
        },
        {
          apply: () => {
            fax.resolvedDate = new Date().toISOString();
            fax.duration = 12 * fax.pagesCount;
            if (fax.outcome === 'delivered') {
              fax.status = 'success';
              fax.pagesComplete = fax.pagesCount;
              fax.resultCode = '0';
              fax.resultInfo = 'OK';
              return;
            }
            const failure = FAILURES[fax.outcome];
            fax.status = 'failed';
            fax.pagesComplete = failure.pages === 'one' ? Math.min(1, fax.pagesCount) : 0;
            fax.resultCode = failure.code;
            fax.resultInfo = failure.info;
          },
          webhooks: () => webhookMessages(fax, true),
          final: true,
        },
      ],
      { timers, outbox, stepDelayMs, faults: faultSet },
    );
  }

  function authorized(request: EmulatorRequest): boolean {
    return request.headers.authorization === `Basic ${apiKey}`;
  }

  async function sendFax(request: EmulatorRequest): Promise<EmulatorReply> {
    const contentType = String(request.headers['content-type'] ?? '');
    if (!contentType.startsWith('multipart/form-data')) {
      return {
        status: 400,
        body: { message: 'Request must be multipart/form-data' },
      };
    }
    const form = await readForm(request);
    const faxNumber = form.fields.get('faxNumber')?.[0] ?? '';
    if (!/^\+?[1-9]\d{7,14}$/.test(faxNumber)) {
      return {
        status: 400,
        body: {
          message: 'faxNumber must be a fax number with its country code',
        },
      };
    }
    const attachments = form.files.get('attachments') ?? [];
    if (attachments.length === 0) return { status: 400, body: { message: 'attachments are required' } };
    if (!attachments.every((file) => isPdf(file.bytes))) {
      return {
        status: 400,
        body: {
          message: 'Unsupported attachment type: only PDF documents are accepted',
        },
      };
    }
    const callerId = form.fields.get('callerId')?.[0];
    const owned = numbers.map((n) => digits(n.number));
    if (callerId !== undefined && callerId !== '' && !owned.includes(digits(callerId))) {
      return { status: 400, body: { message: 'Caller ID is not allowed' } };
    }
    const fax: StoredFax = {
      messageId: randomUUID(),
      status: 'processing',
      faxNumber: `+${digits(faxNumber)}`,
      faxCallerId: digits(callerId || (numbers[0]?.number ?? '')),
      recipientName: form.fields.get('recipientName')?.[0] ?? null,
      pagesCount: attachments.reduce((sum, file) => sum + countPdfPages(file.bytes), 0),
      pagesComplete: 0,
      resultCode: null,
      resultInfo: null,
      tags: (form.fields.get('tags') ?? [])
        .flatMap((tag) => tag.split(','))
        .map((tag) => tag.trim())
        .filter(Boolean),
      createdAt: new Date().toISOString(),
      resolvedDate: null,
      duration: null,
      outcome: scriptedOutcome(faxNumber),
    };
    faxes.set(fax.messageId, fax);
    startProgress(fax, faults.takeAll(WEBHOOK_FAULTS));
    if (faults.take(['accept-then-500'])) {
      return { status: 500, body: { message: 'Internal Server Error' } };
    }
    return { status: 200, body: faxObject(fax) };
  }

  function createWebhook(request: EmulatorRequest): EmulatorReply {
    const params = new URLSearchParams(request.body.toString('utf8'));
    const url = params.get('url');
    if (!url) return { status: 400, body: { message: 'url is required' } };
    let events: Record<string, boolean> = { 'fax.v1.outbound.complete': true };
    const rawEvents = params.get('events');
    if (rawEvents) {
      try {
        events = JSON.parse(rawEvents) as Record<string, boolean>;
      } catch {
        return {
          status: 400,
          body: { message: 'events must be a JSON object' },
        };
      }
    }
    // "auth" as "username:password" is the emulator's reading of an undocumented field.
    const auth = params.get('auth');
    const [username, ...rest] = (auth ?? '').split(':');
    const hook: DocumoWebhook = {
      uuid: randomUUID(),
      name: params.get('name') ?? 'Webhook',
      url,
      events,
      auth: auth && username ? { username, password: rest.join(':') } : null,
      format: Object.keys(events).some((name) => name.startsWith('fax.v1.')) ? 'json' : 'legacy',
    };
    webhooks.push(hook);
    return {
      status: 200,
      body: {
        uuid: hook.uuid,
        name: hook.name,
        url: hook.url,
        events: hook.events,
        accountId,
      },
    };
  }

  const running = await startEmulatorServer({
    port: options.port,
    faults,
    timers,
    outbox,
    handlers: {
      async handle(request) {
        if (request.method === 'GET' && request.path === '/ping') return { status: 200, body: 'OK' };
        if (!authorized(request)) return { status: 401, body: { message: 'Unauthorized' } };
        if (options.trialEnded) {
          return {
            status: 403,
            body: {
              message: 'Your trial has ended. Please upgrade your plan.',
            },
          };
        }
        const { method, path } = request;
        if (method === 'POST' && path === '/v1/faxes') return sendFax(request);
        const info = /^\/v1\/fax\/([^/]+)\/info$/.exec(path);
        if (method === 'GET' && info?.[1]) {
          const fax = faxes.get(decodeURIComponent(info[1]));
          return fax ? { status: 200, body: faxObject(fax) } : { status: 404, body: { message: 'Fax not found' } };
        }
        if (method === 'GET' && path === '/v1/fax/history') {
          const limit = Math.min(Number(request.url.searchParams.get('limit') ?? 50) || 50, 100);
          const offset = Number(request.url.searchParams.get('offset') ?? 0) || 0;
          const all = [...faxes.values()].reverse();
          return {
            status: 200,
            body: {
              rows: all.slice(offset, offset + limit).map(faxObject),
              count: all.length,
            },
          };
        }
        if (method === 'GET' && path === '/v1/me') {
          return {
            status: 200,
            body: {
              uuid: randomUUID(),
              email: 'admin@riverside.example',
              userRole: 'admin',
              account: { uuid: accountId, accountName },
            },
          };
        }
        if (method === 'GET' && path === '/v1/numbers') {
          return {
            status: 200,
            body: {
              rows: numbers.map((n) => ({
                faxNumber: digits(n.number),
                name: n.label,
              })),
              count: numbers.length,
            },
          };
        }
        if (method === 'GET' && path === '/webhooks') {
          return {
            status: 200,
            body: {
              rows: webhooks.map(({ auth: _auth, ...hook }) => hook),
              count: webhooks.length,
            },
          };
        }
        if (method === 'POST' && path === '/webhooks') return createWebhook(request);
        return null;
      },
      faultReply(kind) {
        switch (kind) {
          case '401':
            return {
              status: 401,
              body: { message: 'Unauthorized - Key may be expired' },
            };
          case '403-trial-ended':
            return {
              status: 403,
              body: {
                message: 'Your trial has ended. Please upgrade your plan.',
              },
            };
          case '429':
            return {
              status: 429,
              headers: { 'retry-after': '7' },
              body: { message: 'Too Many Requests' },
            };
          default:
            return { status: 500, body: { message: 'Internal Server Error' } };
        }
      },
      received() {
        return [...faxes.values()].map((fax) => ({
          id: fax.messageId,
          to: fax.faxNumber,
          from: fax.faxCallerId,
          tags: fax.tags,
          pages: fax.pagesCount,
          status: fax.status,
          resultCode: fax.resultCode,
          createdAt: fax.createdAt,
        }));
      },
      configureWebhook(body) {
        webhooks.length = 0;
        if (typeof body.url === 'string') {
          const auth = body.auth as { username?: string; password?: string } | undefined;
          webhooks.push({
            uuid: randomUUID(),
            name: 'Chartfax',
            url: body.url,
            events: {
              'fax.v1.outbound.complete': true,
              'fax.outbound.extended': true,
            },
            auth: auth?.username && auth.password ? { username: auth.username, password: auth.password } : null,
            format: body.format === 'legacy' ? 'legacy' : 'json',
          });
        }
      },
    },
  });

  return {
    ...running,
    baseUrl: running.url,
    apiKey,
    accountName,
    numbers,
    drainWebhooks: () => outbox.drain(),
  };
}
