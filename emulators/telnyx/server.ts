/**
 * A local stand-in for Telnyx's v2 API as far as Programmable Fax uses it: Bearer keys, JSON:API-ish
 * `{ data }` / `{ errors: [...] }` bodies, Media Storage upload (`POST /v2/media`, multipart),
 * `POST /v2/faxes` (202), `GET /v2/faxes[/{id}]`, `GET /v2/fax_applications/{id}`,
 * `GET /v2/phone_numbers`, and fax.* webhooks signed with Ed25519 over "{timestamp}|{body}".
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';

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

export interface TelnyxEmulatorOptions {
  port?: number;
  apiKey?: string;
  connectionId?: string;
  applicationName?: string;
  /** The fax application's webhook URL; a fax's webhook_url overrides it. */
  webhookUrl?: string;
  numbers?: { number: string; label: string | null }[];
  stepDelayMs?: number;
}

export interface TelnyxEmulator extends RunningEmulator {
  /** What to configure as the adapter's base URL (the API lives under /v2). */
  baseUrl: string;
  apiKey: string;
  connectionId: string;
  /** Raw 32-byte Ed25519 public key, base64, as the Telnyx portal shows it. */
  webhookPublicKey: string;
  numbers: { number: string; label: string | null }[];
  /** Signs a body as the emulator's webhooks are signed (for tests of stale or forged webhooks). */
  signWebhook(body: string, timestampSeconds: number): string;
  drainWebhooks(): Promise<void>;
}

interface StoredFax {
  id: string;
  status: string;
  from: string;
  to: string;
  mediaName: string;
  pageCount: number;
  clientState: string | null;
  webhookUrl: string | null;
  failureReason: string | null;
  callDurationSecs: number | null;
  createdAt: string;
  updatedAt: string;
  outcome: ScriptedOutcome;
}

const FAILURES: Record<Exclude<ScriptedOutcome, 'delivered'>, string> = {
  busy: 'user_busy',
  'no-answer': 'receiver_no_answer',
  voice: 'fax_initial_communication_timeout',
  'drop-after-page-1': 'receiver_call_dropped',
  'document-rejected': 'file_format_invalid',
};

const DEFAULT_NUMBERS = [
  { number: '+16045550179', label: 'front-desk' },
  { number: '+16045550178', label: null },
];

const errorReply = (status: number, code: string, title: string, detail: string, pointer?: string): EmulatorReply => ({
  status,
  body: {
    errors: [{ code, title, detail, ...(pointer ? { source: { pointer } } : {}) }],
  },
});

export async function startTelnyxEmulator(options: TelnyxEmulatorOptions = {}): Promise<TelnyxEmulator> {
  const apiKey = options.apiKey ?? `KEY${randomBytes(16).toString('hex').toUpperCase()}_${randomBytes(12).toString('base64url')}`;
  const connectionId = options.connectionId ?? String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
  const applicationName = options.applicationName ?? 'Chartfax (emulated)';
  const numbers = options.numbers ?? DEFAULT_NUMBERS;
  const stepDelayMs = options.stepDelayMs ?? 20;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const webhookPublicKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  const userId = randomUUID();
  const faults = new FaultQueue();
  const timers = new Timers();
  const outbox = new WebhookOutbox(timers);
  const faxes = new Map<string, StoredFax>();
  const media = new Map<string, { pages: number }>();
  let applicationWebhookUrl = options.webhookUrl ?? null;

  const signWebhook = (body: string, timestampSeconds: number) =>
    sign(null, Buffer.from(`${timestampSeconds}|${body}`, 'utf8'), privateKey).toString('base64');

  function faxObject(fax: StoredFax): Record<string, unknown> {
    return {
      record_type: 'fax',
      id: fax.id,
      connection_id: connectionId,
      direction: 'outbound',
      from: fax.from,
      to: fax.to,
      media_name: fax.mediaName,
      status: fax.status,
      client_state: fax.clientState,
      page_count: fax.pageCount,
      failure_reason: fax.failureReason,
      webhook_url: fax.webhookUrl,
      created_at: fax.createdAt,
      updated_at: fax.updatedAt,
    };
  }

  function webhook(fax: StoredFax, eventType: string): WebhookMessage[] {
    const url = fax.webhookUrl ?? applicationWebhookUrl;
    if (!url) return [];
    const payload: Record<string, unknown> = {
      fax_id: fax.id,
      connection_id: connectionId,
      direction: 'outbound',
      from: fax.from,
      to: fax.to,
      media_name: fax.mediaName,
      status: fax.status,
      client_state: fax.clientState,
      user_id: userId,
    };
    if (eventType === 'fax.delivered' || eventType === 'fax.failed') {
      payload.page_count = fax.pageCount;
      payload.call_duration_secs = fax.callDurationSecs;
    }
    if (eventType === 'fax.failed') payload.failure_reason = fax.failureReason;
    const body = JSON.stringify({
      data: {
        event_type: eventType,
        id: randomUUID(),
        occurred_at: fax.updatedAt,
        record_type: 'event',
        payload,
      },
      meta: { attempt: 1, delivered_to: url },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    return [
      {
        url,
        headers: {
          'content-type': 'application/json',
          'telnyx-timestamp': String(timestamp),
          'telnyx-signature-ed25519': signWebhook(body, timestamp),
        },
        body,
      },
    ];
  }

  function step(fax: StoredFax, status: string, eventType: string, final = false) {
    return {
      apply: () => {
        fax.updatedAt = new Date().toISOString();
        fax.status = status;
        if (!final) return;
        fax.callDurationSecs = 10 * fax.pageCount;
        if (fax.outcome !== 'delivered') {
          fax.status = 'failed';
          fax.failureReason = FAILURES[fax.outcome];
        }
      },
      webhooks: () => webhook(fax, final ? (fax.status === 'delivered' ? 'fax.delivered' : 'fax.failed') : eventType),
      final,
    };
  }

  function startProgress(fax: StoredFax, faultSet: Set<FaultKind>): void {
    runProgress(
      fax.id,
      [
        step(fax, 'queued', 'fax.queued'),
        step(fax, 'media.processed', 'fax.media.processed'),
        step(fax, 'sending', 'fax.sending.started'),
        step(fax, 'delivered', 'fax.delivered', true),
      ],
      { timers, outbox, stepDelayMs, faults: faultSet },
    );
  }

  async function uploadMedia(request: EmulatorRequest): Promise<EmulatorReply> {
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      return errorReply(422, '10015', 'Invalid parameter', 'Upload the file as multipart/form-data in the media field.', '/media');
    }
    const form = await readForm(request);
    const file = form.files.get('media')?.[0];
    if (!file) return errorReply(422, '10002', 'Missing required parameter', 'The media field is required.', '/media');
    if (!isPdf(file.bytes)) return errorReply(422, '10015', 'Invalid parameter', 'Only PDF media is accepted by this emulator.', '/media');
    const mediaName = form.fields.get('media_name')?.[0] ?? randomUUID();
    media.set(mediaName, { pages: countPdfPages(file.bytes) });
    const created = new Date();
    return {
      status: 201,
      body: {
        data: {
          media_name: mediaName,
          content_type: 'application/pdf',
          created_at: created.toISOString(),
          updated_at: created.toISOString(),
          expires_at: new Date(created.getTime() + 48 * 3600_000).toISOString(),
        },
      },
    };
  }

  function sendFax(request: EmulatorRequest): EmulatorReply {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return errorReply(400, '10001', 'Bad request', 'The body must be JSON.');
    }
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    if (field('connection_id') !== connectionId) {
      return errorReply(422, '10015', 'Invalid parameter', 'connection_id does not match a fax application.', '/connection_id');
    }
    const from = field('from');
    if (!from || !isE164(from)) return errorReply(422, '10015', 'Invalid parameter', 'from must be an E.164 number.', '/from');
    if (!numbers.some((n) => n.number === from)) {
      return errorReply(422, '10015', 'Invalid parameter', 'unverified_origination_number: from is not a number on this account.', '/from');
    }
    const to = field('to');
    if (!to || !isE164(to)) return errorReply(422, '10015', 'Invalid parameter', 'to must be an E.164 number.', '/to');
    const mediaName = field('media_name');
    if (field('media_url')) {
      return errorReply(422, '10015', 'Invalid parameter', 'This emulator does not fetch media_url; upload to /v2/media.', '/media_url');
    }
    const stored = mediaName ? media.get(mediaName) : undefined;
    if (!mediaName || !stored) {
      return errorReply(422, '10015', 'Invalid parameter', 'media_name does not name uploaded media.', '/media_name');
    }
    const now = new Date().toISOString();
    const fax: StoredFax = {
      id: randomUUID(),
      status: 'queued',
      from,
      to,
      mediaName,
      pageCount: stored.pages,
      clientState: field('client_state') ?? null,
      webhookUrl: field('webhook_url') ?? null,
      failureReason: null,
      callDurationSecs: null,
      createdAt: now,
      updatedAt: now,
      outcome: scriptedOutcome(to),
    };
    faxes.set(fax.id, fax);
    startProgress(fax, faults.takeAll(WEBHOOK_FAULTS));
    if (faults.take(['accept-then-500'])) return errorReply(500, '10007', 'Unexpected error', 'An unexpected error occurred.');
    return { status: 202, body: { data: faxObject(fax) } };
  }

  function listFaxes(request: EmulatorRequest): EmulatorReply {
    const params = request.url.searchParams;
    const size = Math.min(Number(params.get('page[size]') ?? 20) || 20, 250);
    const page = Math.max(1, Number(params.get('page[number]') ?? 1) || 1);
    const direction = params.get('filter[direction][eq]');
    const to = params.get('filter[to][eq]');
    const matching = [...faxes.values()]
      .reverse()
      .filter(() => !direction || direction === 'outbound')
      .filter((fax) => !to || fax.to === to);
    return {
      status: 200,
      body: {
        data: matching.slice((page - 1) * size, page * size).map(faxObject),
        meta: {
          page_number: page,
          page_size: size,
          total_results: matching.length,
          total_pages: Math.ceil(matching.length / size),
        },
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
        if (!request.path.startsWith('/v2/')) return null;
        if (request.headers.authorization !== `Bearer ${apiKey}`) {
          return errorReply(401, '10009', 'Authentication failed', 'The API key is missing or not valid.');
        }
        const method = request.method;
        const path = request.path.slice('/v2'.length);
        if (method === 'POST' && path === '/media') return uploadMedia(request);
        if (method === 'POST' && path === '/faxes') return sendFax(request);
        if (method === 'GET' && path === '/faxes') return listFaxes(request);
        const one = /^\/faxes\/([^/]+)$/.exec(path);
        if (method === 'GET' && one?.[1]) {
          const fax = faxes.get(decodeURIComponent(one[1]));
          return fax ? { status: 200, body: { data: faxObject(fax) } } : errorReply(404, '10005', 'Resource not found', 'Fax not found.');
        }
        const app = /^\/fax_applications\/([^/]+)$/.exec(path);
        if (method === 'GET' && app?.[1]) {
          if (decodeURIComponent(app[1]) !== connectionId) {
            return errorReply(404, '10005', 'Resource not found', 'Fax application not found.');
          }
          return {
            status: 200,
            body: {
              data: {
                record_type: 'fax_application',
                id: connectionId,
                application_name: applicationName,
                active: true,
                webhook_event_url: applicationWebhookUrl,
              },
            },
          };
        }
        if (method === 'GET' && path === '/phone_numbers') {
          const filter = request.url.searchParams.get('filter[connection_id]');
          const data =
            filter && filter !== connectionId
              ? []
              : numbers.map((n) => ({
                  record_type: 'phone_number',
                  id: randomUUID(),
                  phone_number: n.number,
                  status: 'active',
                  connection_id: connectionId,
                  connection_name: applicationName,
                  tags: n.label ? [n.label] : [],
                }));
          return {
            status: 200,
            body: {
              data,
              meta: { total_results: data.length, page_number: 1 },
            },
          };
        }
        return null;
      },
      faultReply(kind) {
        switch (kind) {
          case '401':
            return errorReply(401, '10009', 'Authentication failed', 'The API key is missing or not valid.');
          case '403-trial-ended':
            return errorReply(403, '10010', 'Authorization failed', 'account_disabled: this account is not enabled for outbound faxing.');
          case '429':
            return {
              ...errorReply(429, '10011', 'Too many requests', 'Rate limit exceeded.'),
              headers: { 'retry-after': '7' },
            };
          default:
            return errorReply(500, '10007', 'Unexpected error', 'An unexpected error occurred.');
        }
      },
      received() {
        return [...faxes.values()].map((fax) => ({
          id: fax.id,
          to: fax.to,
          from: fax.from,
          clientState: fax.clientState,
          pages: fax.pageCount,
          status: fax.status,
          createdAt: fax.createdAt,
        }));
      },
      configureWebhook(body) {
        applicationWebhookUrl = typeof body.url === 'string' ? body.url : null;
      },
    },
  });

  return {
    ...running,
    baseUrl: `${running.url}/v2`,
    apiKey,
    connectionId,
    webhookPublicKey,
    numbers,
    signWebhook,
    drainWebhooks: () => outbox.drain(),
  };
}
