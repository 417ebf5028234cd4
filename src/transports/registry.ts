/**
 * The only place that names fax transports. Everything else asks the registry by id, so adding a
 * provider means one adapter folder and one entry here.
 */
import { FaxError, type FieldErrors } from '../core/errors';
import type { FaxTransport, ProviderAccount, TransportEvent, TransportId } from '../core/transport';
import { createDocumoTransport, DOCUMO_DEFAULT_BASE_URL } from './documo/documo-transport';
import type { ProviderTransport } from './http/provider-transport';
import type { WebhookRequest } from './http/webhook-request';
import { createPhaxioTransport, PHAXIO_DEFAULT_BASE_URL } from './phaxio/phaxio-transport';
import { createTelnyxTransport, TELNYX_DEFAULT_BASE_URL } from './telnyx/telnyx-transport';

export type { ProviderTransport } from './http/provider-transport';
export type { WebhookRequest } from './http/webhook-request';

/** Cloud providers: every transport except the test line. */
export type ProviderId = Exclude<TransportId, 'test-line'>;

export interface CredentialField {
  key: string;
  label: string;
  /** One or two sentences telling staff where to find the value. */
  help: string;
  /** Stored encrypted and never shown again once saved. */
  secret: boolean;
  required: boolean;
  /** Chartfax makes this value up (e.g. a webhook password) and shows it for pasting into the provider. */
  generated?: boolean;
}

export interface ProviderDescriptor {
  id: ProviderId;
  displayName: string;
  credentialFields: readonly CredentialField[];
  /** How webhooks are authenticated: a provider signature, or HTTP Basic credentials Chartfax generated. */
  webhookAuth: 'signature' | 'basic';
  defaultBaseUrl: string;
}

/** Values keyed by CredentialField.key. Empty strings count as missing. */
export type ProviderCredentials = Readonly<Record<string, string | null | undefined>>;

export interface ProviderDeps {
  fetch?: typeof fetch;
  /** Per-request timeout for provider calls. */
  timeoutMs?: number;
  now?: () => Date;
  /** Chartfax's public webhook URL for this provider account (sent per fax where the API allows). */
  webhookUrl?: string;
}

const baseUrlField = (defaultUrl: string, extra = ''): CredentialField => ({
  key: 'baseUrl',
  label: 'API address',
  help: `Leave empty to use ${defaultUrl}.${extra}`,
  secret: false,
  required: false,
});

export const PROVIDERS: readonly ProviderDescriptor[] = Object.freeze([
  {
    id: 'documo',
    displayName: 'Documo mFax',
    webhookAuth: 'basic',
    defaultBaseUrl: DOCUMO_DEFAULT_BASE_URL,
    credentialFields: [
      {
        key: 'apiKey',
        label: 'API key',
        help: 'In the Documo portal, turn on API access under Settings → API, then create a key with “base” or “admin” access.',
        secret: true,
        required: true,
      },
      {
        key: 'webhookUsername',
        label: 'Webhook username',
        help: 'Chartfax made this up. In Documo, create a webhook for outbound faxes with “Use Basic Auth” on and paste it.',
        secret: false,
        required: true,
        generated: true,
      },
      {
        key: 'webhookPassword',
        label: 'Webhook password',
        help: 'Chartfax made this up. Paste it into the same Documo webhook. Documo signs nothing, so this is what proves a webhook is real.',
        secret: true,
        required: true,
        generated: true,
      },
      baseUrlField(DOCUMO_DEFAULT_BASE_URL, ' Documo’s sandbox is https://api.sandbox.documo.com (it sends no real faxes).'),
    ],
  },
  {
    id: 'phaxio',
    displayName: 'Phaxio',
    webhookAuth: 'signature',
    defaultBaseUrl: PHAXIO_DEFAULT_BASE_URL,
    credentialFields: [
      {
        key: 'apiKey',
        label: 'API key',
        help: 'In the Phaxio console under API Keys. Use the live key; test keys never send.',
        secret: false,
        required: true,
      },
      {
        key: 'apiSecret',
        label: 'API secret',
        help: 'Shown next to the API key in the Phaxio console.',
        secret: true,
        required: true,
      },
      {
        key: 'callbackToken',
        label: 'Webhook token',
        help: 'In the Phaxio console under Webhooks (callbacks). Chartfax uses it to check that status updates come from Phaxio.',
        secret: true,
        required: true,
      },
      baseUrlField(PHAXIO_DEFAULT_BASE_URL),
    ],
  },
  {
    id: 'telnyx',
    displayName: 'Telnyx',
    webhookAuth: 'signature',
    defaultBaseUrl: TELNYX_DEFAULT_BASE_URL,
    credentialFields: [
      {
        key: 'apiKey',
        label: 'API key',
        help: 'In the Telnyx portal under Keys & Credentials → API Keys.',
        secret: true,
        required: true,
      },
      {
        key: 'connectionId',
        label: 'Fax application id',
        help: 'In the Telnyx portal under Programmable Fax → Fax Applications: the id of the application your fax number is assigned to.',
        secret: false,
        required: true,
      },
      {
        key: 'webhookPublicKey',
        label: 'Webhook public key',
        help: 'In the Telnyx portal under Keys & Credentials → Public Key. Chartfax uses it to check that status updates come from Telnyx.',
        secret: false,
        required: true,
      },
      {
        key: 'defaultFromNumber',
        label: 'Send from (fax number)',
        help: 'The Telnyx number faxes go out from when none is chosen, in +1… format. Telnyx requires one.',
        secret: false,
        required: false,
      },
      baseUrlField(TELNYX_DEFAULT_BASE_URL),
    ],
  },
] satisfies ProviderDescriptor[]);

export function isProviderId(id: string): id is ProviderId {
  return PROVIDERS.some((provider) => provider.id === id);
}

export function getProviderDescriptor(id: ProviderId): ProviderDescriptor {
  const descriptor = PROVIDERS.find((provider) => provider.id === id);
  if (!descriptor) throw new FaxError('not-found', `Chartfax does not know the fax provider “${id}”.`);
  return descriptor;
}

function value(credentials: ProviderCredentials, key: string): string {
  return (credentials[key] ?? '').trim();
}

/** Throws FaxError('validation-failed') naming every missing required field at once. */
function requireCredentials(descriptor: ProviderDescriptor, credentials: ProviderCredentials): void {
  const fields: FieldErrors = {};
  for (const field of descriptor.credentialFields) {
    if (field.required && value(credentials, field.key) === '') fields[field.key] = `Enter the ${field.label.toLowerCase()}.`;
  }
  if (Object.keys(fields).length > 0) {
    throw new FaxError('validation-failed', `Some ${descriptor.displayName} settings are missing.`, { fields });
  }
}

export function createProviderTransport(id: ProviderId, credentials: ProviderCredentials, deps: ProviderDeps = {}): ProviderTransport {
  const descriptor = getProviderDescriptor(id);
  requireCredentials(descriptor, credentials);
  const common = {
    baseUrl: value(credentials, 'baseUrl') || descriptor.defaultBaseUrl,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    now: deps.now,
  };
  switch (id) {
    case 'documo':
      return createDocumoTransport({
        ...common,
        apiKey: value(credentials, 'apiKey'),
      });
    case 'phaxio':
      return createPhaxioTransport({
        ...common,
        apiKey: value(credentials, 'apiKey'),
        apiSecret: value(credentials, 'apiSecret'),
        callbackToken: value(credentials, 'callbackToken'),
        callbackUrl: deps.webhookUrl,
      });
    case 'telnyx':
      return createTelnyxTransport({
        ...common,
        apiKey: value(credentials, 'apiKey'),
        connectionId: value(credentials, 'connectionId'),
        webhookPublicKey: value(credentials, 'webhookPublicKey'),
        defaultFromNumber: value(credentials, 'defaultFromNumber') || null,
        webhookUrl: deps.webhookUrl,
      });
  }
}

/** Checks credentials against the provider: its account name and fax numbers, or a FaxError saying what to fix. */
export async function verifyProviderCredentials(
  id: ProviderId,
  credentials: ProviderCredentials,
  deps: ProviderDeps = {},
  signal?: AbortSignal,
): Promise<ProviderAccount> {
  return createProviderTransport(id, credentials, deps).verifyCredentials(signal);
}

/**
 * Verifies and parses one webhook. For providers that sign nothing (Documo), the expected Basic
 * credentials come from the stored credentials unless the request already names them.
 */
export async function parseProviderWebhook(
  id: ProviderId,
  credentials: ProviderCredentials,
  request: WebhookRequest,
  deps: ProviderDeps = {},
): Promise<TransportEvent[]> {
  const transport = createProviderTransport(id, credentials, deps);
  const basicAuth =
    request.basicAuth ??
    (getProviderDescriptor(id).webhookAuth === 'basic'
      ? {
          username: value(credentials, 'webhookUsername'),
          password: value(credentials, 'webhookPassword'),
        }
      : undefined);
  return transport.parseWebhook({ ...request, basicAuth });
}

export interface TransportRegistryDeps extends ProviderDeps {
  /** The test line, built by the composition root; without it 'test-line' is "not configured". */
  testLine?: FaxTransport;
}

export interface TransportRegistry {
  readonly providers: readonly ProviderDescriptor[];
  /** The transport for an id: the test line, or a provider built from the clinic's credentials. */
  getTransport(id: TransportId, credentials?: ProviderCredentials): FaxTransport;
  verifyCredentials(id: ProviderId, credentials: ProviderCredentials, signal?: AbortSignal): Promise<ProviderAccount>;
  parseWebhook(id: ProviderId, credentials: ProviderCredentials, request: WebhookRequest): Promise<TransportEvent[]>;
}

export function createTransportRegistry(deps: TransportRegistryDeps = {}): TransportRegistry {
  const { testLine, ...providerDeps } = deps;
  return {
    providers: PROVIDERS,
    getTransport(id, credentials = {}) {
      if (id === 'test-line') {
        if (!testLine) throw new FaxError('not-configured', 'The test line is not set up on this server.');
        return testLine;
      }
      return createProviderTransport(id, credentials, providerDeps);
    },
    verifyCredentials: (id, credentials, signal) => verifyProviderCredentials(id, credentials, providerDeps, signal),
    parseWebhook: (id, credentials, request) => parseProviderWebhook(id, credentials, request, providerDeps),
  };
}
