/**
 * Settings → API keys & webhooks, for host systems (an EHR) that send faxes through Chartfax's API
 * and want status changes pushed to them. Keys and signing secrets are shown once, when created.
 */
import { useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { Dialog } from '../components/dialog';
import { ErrorMessage, Loading } from '../components/messages';
import { formatDateTime } from '../format';
import { useApi, useMe } from '../session';
import { useApiData } from '../use-api-data';
import { ConfirmDialog, CopyValue, Field, fieldErrorsOf, FormError } from './form-bits';

type ApiKey = ResponseBody<'/api/api-keys', 'get'>['apiKeys'][number];
type Endpoint = ResponseBody<'/api/webhook-endpoints', 'get'>['endpoints'][number];

export function ApiSection() {
  return (
    <div className="settings-section">
      <ApiKeys />
      <WebhookEndpoints />
    </div>
  );
}

function ApiKeys() {
  const api = useApi();
  const me = useMe();
  const [reload, setReload] = useState(0);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);
  const keys = useApiData((signal) => api.get('/api/api-keys', { signal }), [api, reload]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.post('/api/api-keys', { body: { name } }).then(
      (k) => {
        setBusy(false);
        setName('');
        setCreated({ name: k.name, key: k.key });
        setReload((n) => n + 1);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <section aria-labelledby="api-keys-title" className="panel">
      <h2 id="api-keys-title">API keys</h2>
      <p className="muted">
        A host system (your EHR, a script) uses an API key to send faxes and read their status. Give each system its own key so you can
        revoke one without stopping the others.
      </p>
      <form onSubmit={submit} noValidate className="inline-form">
        <Field label="Name of the new key" error={fields.name} hint="What uses it, e.g. “Front desk EHR”.">
          {(p) => <input type="text" value={name} onChange={(event) => setName(event.target.value)} {...p} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={busy}>
          Create API key
        </button>
      </form>
      {Object.keys(fields).length === 0 ? <FormError error={error} /> : null}
      <div role="status" className="status-line">
        {notice}
      </div>
      {keys.status === 'loading' ? <Loading label="Loading API keys…" /> : null}
      {keys.status === 'error' ? <ErrorMessage error={keys.error} /> : null}
      {keys.status === 'ready' ? (
        keys.data.apiKeys.length === 0 ? (
          <p className="empty">No API keys yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.apiKeys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td className="mono">{k.prefix}…</td>
                    <td>{formatDateTime(k.createdAt, me.clinic.timeZone)}</td>
                    <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, me.clinic.timeZone) : 'Never'}</td>
                    <td>
                      <div className="row-actions">
                        {k.revokedAt ? (
                          <span className="badge">Revoked</span>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`Revoke ${k.name}`}
                            onClick={() => setRevoking(k)}
                          >
                            Revoke
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {created ? (
        <Dialog title={`API key “${created.name}”`} onClose={() => setCreated(null)}>
          <p>
            <strong>Copy the key now: Chartfax shows it only this once.</strong> Store it in the host system’s settings; if it is lost,
            revoke it and create a new one.
          </p>
          <CopyValue label="API key" value={created.key} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => setCreated(null)}>
              I saved it, close
            </button>
          </div>
        </Dialog>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.delete('/api/api-keys/{id}', { path: { id: revoking.id } });
            setNotice(`“${revoking.name}” is revoked.`);
            setReload((n) => n + 1);
          }}
        >
          <p>Anything using this key is refused from now on. Faxes it already sent carry on.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function WebhookEndpoints() {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [removing, setRemoving] = useState<Endpoint | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<Endpoint | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const endpoints = useApiData((signal) => api.get('/api/webhook-endpoints', { signal }), [api, reload]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.post('/api/webhook-endpoints', { body: { url, ...(description.trim() ? { description } : {}) } }).then(
      (e) => {
        setBusy(false);
        setUrl('');
        setDescription('');
        setCreated({ url: e.url, secret: e.secret });
        setReload((n) => n + 1);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <section aria-labelledby="webhooks-title" className="panel">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="muted">
        Chartfax posts each fax status change (queued, sending, delivered, failed) to these addresses, signed with the endpoint’s secret so
        the host system can check it came from Chartfax.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label="Endpoint address" error={fields.url} hint="https://… (http only for localhost).">
            {(p) => <input type="text" inputMode="url" value={url} onChange={(event) => setUrl(event.target.value)} {...p} />}
          </Field>
          <Field label="Description (optional)" error={fields.description}>
            {(p) => <input type="text" value={description} onChange={(event) => setDescription(event.target.value)} {...p} />}
          </Field>
        </div>
        {Object.keys(fields).length === 0 ? <FormError error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          Add endpoint
        </button>
      </form>
      {endpoints.status === 'loading' ? <Loading label="Loading endpoints…" /> : null}
      {endpoints.status === 'error' ? <ErrorMessage error={endpoints.error} /> : null}
      {endpoints.status === 'ready' && endpoints.data.endpoints.length > 0 ? (
        <ul className="endpoint-list">
          {endpoints.data.endpoints.map((e) => (
            <li key={e.id}>
              <span className="mono">{e.url}</span>
              {e.description ? <span className="muted"> · {e.description}</span> : null}
              <span className="row-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Deliveries to ${e.url}`}
                  onClick={() => setDeliveriesOf(e)}
                >
                  Deliveries
                </button>
                <button type="button" className="button button-small" aria-label={`Remove ${e.url}`} onClick={() => setRemoving(e)}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {created ? (
        <Dialog title="Endpoint added" onClose={() => setCreated(null)}>
          <p>
            <strong>Copy the signing secret now: Chartfax shows it only this once.</strong> The host system uses it to check the signature
            of each delivery.
          </p>
          <CopyValue label="Signing secret" value={created.secret} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => setCreated(null)}>
              I saved it, close
            </button>
          </div>
        </Dialog>
      ) : null}
      {deliveriesOf ? <Deliveries endpoint={deliveriesOf} onClose={() => setDeliveriesOf(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title="Remove this endpoint?"
          confirmLabel="Remove endpoint"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.delete('/api/webhook-endpoints/{id}', { path: { id: removing.id } });
            setReload((n) => n + 1);
          }}
        >
          <p>Chartfax stops posting status changes to {removing.url}.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function Deliveries({ endpoint, onClose }: { endpoint: Endpoint; onClose: () => void }) {
  const api = useApi();
  const me = useMe();
  const data = useApiData(
    (signal) => api.get('/api/webhook-endpoints/{id}/deliveries', { path: { id: endpoint.id }, signal }),
    [api, endpoint.id],
  );
  return (
    <Dialog title="Recent deliveries" onClose={onClose}>
      <p className="mono">{endpoint.url}</p>
      {data.status === 'loading' ? <Loading label="Loading deliveries…" /> : null}
      {data.status === 'error' ? <ErrorMessage error={data.error} /> : null}
      {data.status === 'ready' ? (
        data.data.deliveries.length === 0 ? (
          <p className="empty">Nothing sent to this endpoint yet.</p>
        ) : (
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {data.data.deliveries.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.event}</th>
                  <td>
                    {d.status}
                    {d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : ''}
                    {d.lastError ? <span className="field-hint"> {d.lastError}</span> : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{formatDateTime(d.deliveredAt ?? d.createdAt, me.clinic.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Dialog>
  );
}
