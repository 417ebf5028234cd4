/**
 * Settings → Fax numbers: the number faxes are sent from by default (one of the connected account's
 * numbers), and optionally a different one per location or per practitioner.
 */
import { useState, type FormEvent } from 'react';
import type { ResponseBody } from '../api/client';
import { ErrorMessage, Loading } from '../components/messages';
import { roleLabel } from '../format';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';
import { Field, fieldErrorsOf, FormError } from './form-bits';
import { formatNumber } from './integrations-section';

type Integrations = ResponseBody<'/api/integrations', 'get'>;

export function NumbersSection() {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const data = useApiData((signal) => api.get('/api/integrations', { signal }), [api, reload]);
  if (data.status === 'loading') return <Loading label="Loading fax numbers…" />;
  if (data.status === 'error') return <ErrorMessage error={data.error} />;
  return (
    <NumbersForm
      key={reload}
      integrations={data.data}
      saved={saved}
      onSaved={() => {
        setSaved('Sending numbers saved.');
        setReload((n) => n + 1);
      }}
    />
  );
}

function NumbersForm({ integrations, saved, onSaved }: { integrations: Integrations; saved: string | null; onSaved: () => void }) {
  const api = useApi();
  const { active, sendingNumbers, directory } = integrations;
  const [defaultNumber, setDefaultNumber] = useState(sendingNumbers.defaultNumber ?? '');
  const [locations, setLocations] = useState<Record<string, string>>(() =>
    Object.fromEntries(sendingNumbers.locations.map((l) => [l.locationId, l.number])),
  );
  const [staff, setStaff] = useState<Record<string, string>>(() =>
    Object.fromEntries(sendingNumbers.staff.map((s) => [s.staffId, s.number])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const numbers = active?.numbers ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api
      .put('/api/integrations/sending-numbers', {
        body: {
          defaultNumber: defaultNumber || null,
          locations: directory.locations.map((l) => ({ locationId: l.id, number: locations[l.id] || null })),
          staff: directory.staff.map((s) => ({ staffId: s.id, number: staff[s.id] || null })),
        },
      })
      .then(
        () => {
          setBusy(false);
          onSaved();
        },
        (e: unknown) => {
          setBusy(false);
          setError(e);
        },
      );
  };

  /** A number picker: the account's numbers when a provider is connected, else a typed number. */
  const picker = (value: string, onChange: (v: string) => void, emptyLabel: string, props: Record<string, unknown>) =>
    active ? (
      <select value={value} onChange={(event) => onChange(event.target.value)} {...props}>
        <option value="">{emptyLabel}</option>
        {numbers.map((n) => (
          <option key={n.number} value={n.number}>
            {n.label ? `${formatNumber(n.number)} · ${n.label}` : formatNumber(n.number)}
          </option>
        ))}
      </select>
    ) : (
      <input type="tel" value={value} placeholder={emptyLabel} onChange={(event) => onChange(event.target.value)} {...props} />
    );

  return (
    <section aria-labelledby="numbers-title" className="settings-section">
      <h2 id="numbers-title">Fax numbers</h2>
      <p className="muted">
        {active
          ? `Faxes are sent from one of the numbers of the ${active.displayName} account “${active.accountName}”. Replies come back to the number a fax was sent from.`
          : 'No cloud fax provider is connected: faxes go through the test line, and the number below only appears on cover pages and in the history.'}
      </p>
      <div role="status" className="status-line">
        {saved}
      </div>
      <form onSubmit={submit} noValidate className="panel">
        <Field
          label="Default sending number"
          error={fields.defaultNumber}
          hint="Used for every fax unless a location or practitioner below has its own."
        >
          {(p) => picker(defaultNumber, setDefaultNumber, active ? 'The account’s own default' : 'None', p)}
        </Field>
        {directory.locations.length > 0 ? (
          <fieldset className="number-group">
            <legend>Per location (optional)</legend>
            {directory.locations.map((l, i) => (
              <Field key={l.id} label={l.name} error={fields[`locations.${i}.number`]}>
                {(p) => picker(locations[l.id] ?? '', (v) => setLocations((m) => ({ ...m, [l.id]: v })), 'Use the default', p)}
              </Field>
            ))}
          </fieldset>
        ) : null}
        {directory.staff.length > 0 ? (
          <details className="number-group">
            <summary>Per staff member (optional)</summary>
            {directory.staff.map((s, i) => (
              <Field key={s.id} label={`${s.name} (${roleLabel(s.role)})`} error={fields[`staff.${i}.number`]}>
                {(p) => picker(staff[s.id] ?? '', (v) => setStaff((m) => ({ ...m, [s.id]: v })), 'Use the location or default', p)}
              </Field>
            ))}
          </details>
        ) : null}
        <FormError error={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Save sending numbers
          </button>
        </div>
      </form>
    </section>
  );
}
