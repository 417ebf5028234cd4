/**
 * Settings → Integrations: which line faxes go out on (the test line until a provider is connected),
 * connecting a cloud fax provider (credentials checked live by the server before they are saved),
 * the webhook details to paste into the provider (Documo's Basic pair shown once), and disconnecting.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { ErrorMessage, Loading } from '../components/messages';
import { formatDateTime } from '../format';
import { href, Link } from '../routing';
import { useApi, useMe } from '../session';
import { useApiData } from '../use-api-data';
import { ConfirmDialog, CopyValue, Field, fieldErrorsOf, FormError } from './form-bits';

type Integrations = ResponseBody<'/api/integrations', 'get'>;
type Provider = Integrations['providers'][number];
type Connected = ResponseBody<'/api/integrations', 'post'>;

const GENERATED_LABELS: Readonly<Record<string, string>> = { webhookUsername: 'Webhook username', webhookPassword: 'Webhook password' };

/** Where each provider wants the webhook address; the provider list itself comes from the server. */
const WEBHOOK_STEPS: Readonly<Record<string, string>> = {
  documo:
    'In the Documo portal, open Toolbox → Webhooks and create a webhook: paste the webhook address below, choose the outbound fax events (fax.v1.outbound.complete), turn on “Use Basic Auth” and paste the username and password below. Documo signs nothing, so this username and password are what prove a status update really comes from Documo.',
  phaxio:
    'In the Phaxio console, set the fax-sent callback URL to the webhook address below. Phaxio signs each callback with your webhook token.',
  telnyx:
    'In the Telnyx portal, set the webhook URL of your fax application to the address below. Telnyx signs each webhook with its key pair.',
};

/** "+1 604 555 0199" from E.164, else as given. */
export function formatNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

export function IntegrationsSection() {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [justConnected, setJustConnected] = useState<Connected | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const data = useApiData((signal) => api.get('/api/integrations', { signal }), [api, reload]);

  if (data.status === 'loading') return <Loading label="Loading integrations…" />;
  if (data.status === 'error') return <ErrorMessage error={data.error} />;
  const { active, providers } = data.data;

  return (
    <section aria-labelledby="integrations-title" className="settings-section">
      <h2 id="integrations-title">Integrations</h2>
      <div className="panel transport-panel">
        <p className="transport-line">
          Faxes are sent through: <strong data-testid="transport">{active ? active.displayName : 'Test line'}</strong>
        </p>
        {active ? null : (
          <p className="muted">
            The test line is Chartfax’s built-in practice line: faxes really go through a fax modem conversation, but to scripted test
            numbers only. Connect a cloud fax provider below to reach real fax machines.
          </p>
        )}
      </div>
      <div role="status" className="status-line">
        {notice}
      </div>

      {justConnected ? <ConnectedOnce connected={justConnected} onDone={() => setJustConnected(null)} /> : null}

      {active ? (
        <div className="panel">
          <h3>{active.displayName}</h3>
          {active.accountErrorAt ? (
            <div className="notice notice-error" role="alert">
              <p>
                {active.displayName} refused Chartfax’s key on <ClinicTime at={active.accountErrorAt} />. Check the account (an ended trial
                or a revoked key) and connect again with a new key.
              </p>
            </div>
          ) : null}
          <dl className="facts">
            <div>
              <dt>Account</dt>
              <dd data-testid="account-name">{active.accountName}</dd>
            </div>
            <div>
              <dt>Connected</dt>
              <dd>
                <ClinicTime at={active.connectedAt} />
              </dd>
            </div>
          </dl>
          <h4>Fax numbers of this account</h4>
          {active.numbers.length === 0 ? (
            <p className="muted">The account has no fax numbers.</p>
          ) : (
            <ul className="number-list" aria-label="Fax numbers of the account">
              {active.numbers.map((n) => (
                <li key={n.number}>
                  <span className="mono">{formatNumber(n.number)}</span>
                  {n.label ? <span className="muted"> · {n.label}</span> : null}
                  {data.data.sendingNumbers.defaultNumber === n.number ? <span className="badge badge-ok">Default</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link href={href.settings('numbers')}>Choose the default sending number</Link>
          </p>
          <CopyValue label="Webhook address" value={active.webhookUrl} />
          <p className="field-hint">
            {active.displayName} posts status updates to this address (set in its webhook settings when connecting).
          </p>
          <div className="form-actions">
            <button type="button" className="button button-danger" onClick={() => setDisconnecting(true)}>
              Disconnect {active.displayName}
            </button>
          </div>
        </div>
      ) : null}

      <ConnectForm
        providers={providers}
        replacing={active?.displayName ?? null}
        onConnected={(c) => {
          setJustConnected(c);
          setNotice(`${c.displayName} is connected: faxes now go out through ${c.accountName}.`);
          setReload((n) => n + 1);
        }}
      />

      {disconnecting && active ? (
        <ConfirmDialog
          title={`Disconnect ${active.displayName}?`}
          confirmLabel="Disconnect"
          onClose={() => setDisconnecting(false)}
          onConfirm={async () => {
            await api.delete('/api/integrations/active');
            setJustConnected(null);
            setNotice(`${active.displayName} is disconnected. New faxes go through the test line.`);
            setReload((n) => n + 1);
          }}
        >
          <p>
            New faxes will go through the test line until you connect a provider again. Faxes in flight finish on {active.displayName}, and
            their history stays in Chartfax.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** An instant on the clinic's wall clock. */
function ClinicTime({ at }: { at: string }) {
  const me = useMe();
  return <>{formatDateTime(at, me.clinic.timeZone)}</>;
}

/** What to paste into the provider, shown right after connecting and never again. */
function ConnectedOnce({ connected, onDone }: { connected: Connected; onDone: () => void }) {
  const credentials = connected.webhookCredentials;
  return (
    <section className="panel once-panel" aria-labelledby="once-title">
      <h3 id="once-title">Finish in {connected.displayName}: status updates</h3>
      <p>{WEBHOOK_STEPS[connected.provider] ?? 'Give this address to the provider for status updates.'}</p>
      <CopyValue label="Webhook address" value={connected.webhookUrl} />
      {credentials
        ? Object.entries(credentials).map(([key, value]) => <CopyValue key={key} label={GENERATED_LABELS[key] ?? key} value={value} />)
        : null}
      {credentials ? (
        <div className="notice notice-warning">
          <p>
            <strong>Copy these now.</strong> Chartfax shows the username and password only this once. If you lose them, connect again to get
            new ones.
          </p>
        </div>
      ) : null}
      <button type="button" className="button button-primary" onClick={onDone}>
        I have pasted them
      </button>
    </section>
  );
}

function ConnectForm({
  providers,
  replacing,
  onConnected,
}: {
  providers: readonly Provider[];
  replacing: string | null;
  onConnected: (c: Connected) => void;
}) {
  const api = useApi();
  const [providerId, setProviderId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const provider = providers.find((p) => p.id === providerId) ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    setBusy(true);
    setError(null);
    const credentials = Object.fromEntries(provider.fields.map((f) => [f.key, (values[f.key] ?? '').trim()]).filter(([, v]) => v !== ''));
    api.post('/api/integrations', { body: { provider: provider.id, credentials } }).then(
      (connected) => {
        setBusy(false);
        setValues({});
        setProviderId('');
        onConnected(connected);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <form className="panel connect-form" onSubmit={submit} noValidate aria-labelledby="connect-title">
      <h3 id="connect-title">{replacing ? 'Connect a different provider' : 'Connect a cloud fax provider'}</h3>
      {replacing ? <p className="muted">Connecting another account replaces {replacing}; faxes in flight finish on it.</p> : null}
      <Field label="Provider">
        {(p) => (
          <select
            value={providerId}
            onChange={(event) => {
              setProviderId(event.target.value);
              setError(null);
            }}
            {...p}
          >
            <option value="">Choose a provider…</option>
            {providers.map((pr) => (
              <option key={pr.id} value={pr.id}>
                {pr.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {provider ? (
        <>
          {provider.fields.map((f) => (
            <Field key={f.key} label={f.required ? f.label : `${f.label} (optional)`} hint={f.help} error={fields[`credentials.${f.key}`]}>
              {(p) => (
                <input
                  type={f.secret ? 'password' : 'text'}
                  autoComplete="off"
                  spellCheck={false}
                  value={values[f.key] ?? ''}
                  onChange={(event) => setValues((v) => ({ ...v, [f.key]: event.target.value }))}
                  {...p}
                />
              )}
            </Field>
          ))}
          <FormError error={error} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? `Checking with ${provider.displayName}…` : 'Connect'}
            </button>
          </div>
          <p className="field-hint">
            Chartfax checks the credentials with {provider.displayName} before saving them. They are stored encrypted and never shown again.
          </p>
        </>
      ) : null}
    </form>
  );
}
