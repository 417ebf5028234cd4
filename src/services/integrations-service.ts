/**
 * Connecting a clinic to its cloud fax provider (Settings → Integrations), its sending numbers, and
 * the webhooks providers post back. Credentials are checked with a real API call before they are
 * saved, stored encrypted, and never returned.
 */
import crypto from 'node:crypto';
import { FaxError, type FieldErrors } from '../core/errors';
import { parseFaxNumber } from '../core/phone-numbers';
import type { ProviderAccount } from '../core/transport';
import {
  getProviderDescriptor,
  isProviderId,
  parseProviderWebhook,
  PROVIDERS,
  verifyProviderCredentials,
  type ProviderCredentials,
  type ProviderId,
  type WebhookRequest,
} from '../transports/registry';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { QueueingServiceDeps } from './service-deps';

export interface IntegrationDeps extends QueueingServiceDeps {
  fetch: typeof fetch;
  /** Chartfax's public address, for webhook URLs given to providers. */
  publicUrl: string;
  /** Base URLs from configuration, used when the clinic leaves the API address empty. */
  providerBaseUrls: Readonly<Record<ProviderId, string>>;
  /** Per-request limit for provider API calls; unset uses the adapters' own default. */
  providerTimeoutMs?: number;
}

export function webhookUrlFor(publicUrl: string, provider: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/webhooks/${provider}/${token}`;
}

function withBaseUrl(deps: IntegrationDeps, provider: ProviderId, credentials: ProviderCredentials): ProviderCredentials {
  const baseUrl = (credentials.baseUrl ?? '').trim();
  return { ...credentials, baseUrl: baseUrl || deps.providerBaseUrls[provider] };
}

async function activeConnection(deps: IntegrationDeps, clinicId: string) {
  return deps.db
    .selectFrom('provider_connections')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('active', '=', true)
    .executeTakeFirst();
}

async function settingsRow(deps: IntegrationDeps, clinicId: string) {
  return deps.db.selectFrom('clinic_fax_settings').select('default_sending_number').where('clinic_id', '=', clinicId).executeTakeFirst();
}

export async function getIntegrations(deps: IntegrationDeps, principal: Principal) {
  requirePermission(principal, 'integrations:manage');
  const active = await activeConnection(deps, principal.clinicId);
  const numbers = await deps.db.selectFrom('sending_numbers').selectAll().where('clinic_id', '=', principal.clinicId).execute();
  // Who may get their own sending number: the settings screen lists them by name.
  const locations = await deps.db
    .selectFrom('locations')
    .select(['id', 'name'])
    .where('clinic_id', '=', principal.clinicId)
    .orderBy('name')
    .execute();
  const staff = await deps.db
    .selectFrom('staff')
    .select(['id', 'first_name', 'last_name', 'role'])
    .where('clinic_id', '=', principal.clinicId)
    .where('role', '!=', 'no-access')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  return {
    providers: PROVIDERS.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      webhookAuth: p.webhookAuth,
      fields: p.credentialFields
        .filter((f) => !f.generated)
        .map((f) => ({ key: f.key, label: f.label, help: f.help, secret: f.secret, required: f.required })),
    })),
    active: active
      ? {
          id: active.id,
          provider: active.provider,
          displayName: getProviderDescriptor(active.provider as ProviderId).displayName,
          accountName: active.account_name,
          numbers: active.numbers,
          connectedAt: active.connected_at.toISOString(),
          accountErrorAt: active.account_error_at?.toISOString() ?? null,
          webhookUrl: webhookUrlFor(deps.publicUrl, active.provider, active.webhook_token),
        }
      : null,
    transport: active ? active.provider : 'test-line',
    sendingNumbers: {
      defaultNumber: (await settingsRow(deps, principal.clinicId))?.default_sending_number ?? null,
      locations: numbers.filter((n) => n.scope === 'location').map((n) => ({ locationId: n.scope_id, number: n.number })),
      staff: numbers.filter((n) => n.scope === 'staff').map((n) => ({ staffId: n.scope_id, number: n.number })),
    },
    directory: {
      locations: locations.map((l) => ({ id: l.id, name: l.name })),
      staff: staff.map((s) => ({ id: s.id, name: `${s.first_name} ${s.last_name}`, role: s.role })),
    },
  };
}

/**
 * Check the credentials with the provider, then save them (encrypted) as the clinic's one active
 * connection. Faxes already in flight keep the connection they started on.
 */
export async function connectProvider(deps: IntegrationDeps, principal: Principal, providerId: string, input: Record<string, string>) {
  requirePermission(principal, 'integrations:manage');
  if (!isProviderId(providerId)) throw new FaxError('not-found', `Chartfax does not know the fax provider "${providerId}".`);
  const descriptor = getProviderDescriptor(providerId);
  const fields: FieldErrors = {};
  const known = new Set(descriptor.credentialFields.filter((f) => !f.generated).map((f) => f.key));
  for (const key of Object.keys(input))
    if (!known.has(key)) fields[`credentials.${key}`] = `${descriptor.displayName} has no setting called "${key}".`;
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'Some settings are not known.', { fields });

  // Providers that sign nothing get HTTP Basic credentials that Chartfax makes up.
  const generated: Record<string, string> = {};
  for (const field of descriptor.credentialFields.filter((f) => f.generated)) {
    generated[field.key] = field.secret
      ? crypto.randomBytes(24).toString('base64url')
      : `chartfax-${crypto.randomBytes(6).toString('hex')}`;
  }
  const credentials = withBaseUrl(deps, providerId, { ...input, ...generated });
  let account: ProviderAccount;
  try {
    account = await verifyProviderCredentials(providerId, credentials, { fetch: deps.fetch, timeoutMs: deps.providerTimeoutMs });
  } catch (error) {
    if (error instanceof FaxError && error.code === 'validation-failed' && error.fields) {
      throw new FaxError('validation-failed', error.userMessage, {
        fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`credentials.${k}`, v])),
      });
    }
    throw error;
  }
  const token = crypto.randomBytes(18).toString('base64url');
  const stored = { ...input, ...generated };
  const connection = await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('provider_connections')
      .set({ active: false, disconnected_at: deps.clock.now() })
      .where('clinic_id', '=', principal.clinicId)
      .where('active', '=', true)
      .execute();
    await dropNumbersNotOnAccount(trx, principal.clinicId, account);
    return trx
      .insertInto('provider_connections')
      .values({
        clinic_id: principal.clinicId,
        provider: providerId,
        credentials_encrypted: deps.secrets.seal(JSON.stringify(stored)),
        account_name: account.accountName,
        numbers: JSON.stringify(account.numbers),
        webhook_token: token,
        webhook_secret_encrypted: deps.secrets.seal(generated.webhookPassword ?? token),
      })
      .returning(['id', 'connected_at'])
      .executeTakeFirstOrThrow();
  });
  return {
    id: connection.id,
    provider: providerId,
    displayName: descriptor.displayName,
    accountName: account.accountName,
    numbers: account.numbers,
    webhookUrl: webhookUrlFor(deps.publicUrl, providerId, token),
    /** Shown once: values to paste into the provider's webhook settings. */
    webhookCredentials: Object.keys(generated).length > 0 ? generated : null,
  };
}

const digitsOf = (number: string) => number.replace(/\D/g, '');

/**
 * Sending numbers chosen for the previous account are refused by the new provider (every provider
 * checks the caller id against the account's numbers), so a switch forgets the ones the new account
 * does not own; staff see the choice empty in Settings → Fax numbers and pick again.
 */
async function dropNumbersNotOnAccount(trx: IntegrationDeps['db'], clinicId: string, account: ProviderAccount): Promise<void> {
  const owned = account.numbers.map((n) => digitsOf(n.number));
  const settings = await trx
    .selectFrom('clinic_fax_settings')
    .select('default_sending_number')
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (settings?.default_sending_number && !owned.includes(digitsOf(settings.default_sending_number))) {
    await trx.updateTable('clinic_fax_settings').set({ default_sending_number: null }).where('clinic_id', '=', clinicId).execute();
  }
  const scoped = await trx
    .selectFrom('sending_numbers')
    .select(['scope', 'scope_id', 'number'])
    .where('clinic_id', '=', clinicId)
    .execute();
  for (const row of scoped.filter((r) => !owned.includes(digitsOf(r.number)))) {
    await trx
      .deleteFrom('sending_numbers')
      .where('clinic_id', '=', clinicId)
      .where('scope', '=', row.scope)
      .where('scope_id', '=', row.scope_id)
      .execute();
  }
}

export async function disconnectProvider(deps: IntegrationDeps, principal: Principal): Promise<void> {
  requirePermission(principal, 'integrations:manage');
  const result = await deps.db
    .updateTable('provider_connections')
    .set({ active: false, disconnected_at: deps.clock.now() })
    .where('clinic_id', '=', principal.clinicId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new FaxError('not-found', 'No fax provider is connected.');
}

export interface SendingNumbersInput {
  defaultNumber: string | null;
  locations?: { locationId: string; number: string | null }[];
  staff?: { staffId: string; number: string | null }[];
}

/** Choose the caller id: the clinic default, and optionally one per location and per practitioner. */
export async function setSendingNumbers(deps: IntegrationDeps, principal: Principal, input: SendingNumbersInput) {
  requirePermission(principal, 'integrations:manage');
  const clinic = await deps.db
    .selectFrom('clinics')
    .select(['country', 'fax_number'])
    .where('id', '=', principal.clinicId)
    .executeTakeFirstOrThrow();
  const active = await activeConnection(deps, principal.clinicId);
  const owned = active
    ? new Set(active.numbers.map((n) => parseFaxNumber(n.number, clinic.country)).flatMap((p) => (p.ok ? [p.e164] : [])))
    : null;
  const fields: FieldErrors = {};
  const check = (value: string | null, field: string): string | null => {
    if (value === null || value.trim() === '') return null;
    const parsed = parseFaxNumber(value, clinic.country);
    if (!parsed.ok) {
      fields[field] = parsed.message;
      return null;
    }
    if (owned && !owned.has(parsed.e164))
      fields[field] = `${parsed.display} is not one of the numbers of the connected ${active!.provider} account.`;
    return parsed.e164;
  };
  const defaultNumber = check(input.defaultNumber, 'defaultNumber');
  const locations = (input.locations ?? []).map((l, i) => ({ id: l.locationId, number: check(l.number, `locations.${i}.number`), i }));
  const staff = (input.staff ?? []).map((s, i) => ({ id: s.staffId, number: check(s.number, `staff.${i}.number`), i }));
  for (const l of locations) {
    const row = await deps.db
      .selectFrom('locations')
      .select('id')
      .where('clinic_id', '=', principal.clinicId)
      .where('id', '=', l.id)
      .executeTakeFirst();
    if (!row) fields[`locations.${l.i}.locationId`] = 'No location with this id in your clinic.';
  }
  for (const s of staff) {
    const row = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('clinic_id', '=', principal.clinicId)
      .where('id', '=', s.id)
      .executeTakeFirst();
    if (!row) fields[`staff.${s.i}.staffId`] = 'No staff member with this id in your clinic.';
  }
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'Some numbers are not valid.', { fields });
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinic_fax_settings')
      .values({ clinic_id: principal.clinicId, default_sending_number: defaultNumber })
      .onConflict((oc) => oc.column('clinic_id').doUpdateSet({ default_sending_number: defaultNumber }))
      .execute();
    for (const [scope, list] of [
      ['location', locations],
      ['staff', staff],
    ] as const) {
      for (const item of list) {
        await trx
          .deleteFrom('sending_numbers')
          .where('clinic_id', '=', principal.clinicId)
          .where('scope', '=', scope)
          .where('scope_id', '=', item.id)
          .execute();
        if (item.number)
          await trx
            .insertInto('sending_numbers')
            .values({ clinic_id: principal.clinicId, scope, scope_id: item.id, number: item.number })
            .execute();
      }
    }
  });
  return (await getIntegrations(deps, principal)).sendingNumbers;
}

/**
 * A provider's webhook: verified, stored once per event id, and handed to the queue. Answered fast;
 * the engine applies it in the background. Duplicates change nothing.
 */
export async function receiveProviderWebhook(
  deps: IntegrationDeps,
  provider: string,
  token: string,
  request: WebhookRequest,
): Promise<{ received: number; duplicates: number }> {
  if (!isProviderId(provider)) throw new FaxError('not-found', 'Unknown webhook address.');
  const connection = await deps.db
    .selectFrom('provider_connections')
    .select(['id', 'credentials_encrypted'])
    .where('provider', '=', provider)
    .where('webhook_token', '=', token)
    .executeTakeFirst();
  if (!connection) throw new FaxError('not-found', 'Unknown webhook address.');
  const credentials = withBaseUrl(deps, provider, JSON.parse(deps.secrets.open(connection.credentials_encrypted)) as ProviderCredentials);
  const events = await parseProviderWebhook(provider, credentials, request, { fetch: deps.fetch, timeoutMs: deps.providerTimeoutMs });
  let received = 0;
  let duplicates = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const event of events) {
      const inserted = await trx
        .insertInto('provider_webhook_events')
        .values({
          provider,
          event_id: event.eventId,
          connection_id: connection.id,
          provider_fax_id: event.providerFaxId,
          payload: JSON.stringify({ ...event, occurredAt: event.occurredAt.toISOString() }),
        })
        .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!inserted) {
        duplicates += 1;
        continue;
      }
      received += 1;
      await deps.queue.enqueue(trx, 'process-provider-event', { provider, eventId: event.eventId });
    }
  });
  return { received, duplicates };
}

/** On start-up while rotating keys: re-encrypt every secret still sealed with the previous key. */
export async function reencryptStaleSecrets(deps: Pick<IntegrationDeps, 'db' | 'secrets'>): Promise<number> {
  let count = 0;
  const connections = await deps.db
    .selectFrom('provider_connections')
    .select(['id', 'credentials_encrypted', 'webhook_secret_encrypted'])
    .execute();
  for (const c of connections) {
    if (!deps.secrets.isStale(c.credentials_encrypted) && !deps.secrets.isStale(c.webhook_secret_encrypted)) continue;
    await deps.db
      .updateTable('provider_connections')
      .set({
        credentials_encrypted: deps.secrets.seal(deps.secrets.open(c.credentials_encrypted)),
        webhook_secret_encrypted: deps.secrets.seal(deps.secrets.open(c.webhook_secret_encrypted)),
      })
      .where('id', '=', c.id)
      .execute();
    count += 1;
  }
  const endpoints = await deps.db.selectFrom('webhook_endpoints').select(['id', 'secret_encrypted']).execute();
  for (const e of endpoints) {
    if (!deps.secrets.isStale(e.secret_encrypted)) continue;
    await deps.db
      .updateTable('webhook_endpoints')
      .set({ secret_encrypted: deps.secrets.seal(deps.secrets.open(e.secret_encrypted)) })
      .where('id', '=', e.id)
      .execute();
    count += 1;
  }
  return count;
}
