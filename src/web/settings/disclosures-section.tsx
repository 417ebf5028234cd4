/**
 * Settings → Disclosures: the accounting of disclosures (which patient's records reached whom,
 * when and why), filtered by patient and dates, with the same list as CSV for a patient's request.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../components/messages';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';
import { Field } from './form-bits';

interface Filters {
  patientId: string;
  from: string;
  to: string;
}

function exportHref(filters: Filters): string {
  const search = new URLSearchParams({ format: 'csv' });
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  return `/api/disclosures?${search.toString()}`;
}

export function DisclosuresSection() {
  const api = useApi();
  const [draft, setDraft] = useState({ patient: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>({ patientId: '', from: '', to: '' });
  const [patientQuery, setPatientQuery] = useState('');
  const patients = useApiData(
    (signal) =>
      patientQuery.trim().length < 2
        ? Promise.resolve(null)
        : api.get('/api/patients', { query: { query: patientQuery, limit: '10' }, signal }),
    [api, patientQuery],
  );
  const list = useApiData(
    (signal) =>
      api.get('/api/disclosures', {
        query: {
          ...(filters.patientId ? { patientId: filters.patientId } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
        },
        signal,
      }),
    [api, filters],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters((f) => ({ ...f, from: draft.from, to: draft.to }));
  };

  return (
    <section aria-labelledby="disclosures-title" className="settings-section">
      <h2 id="disclosures-title">Accounting of disclosures</h2>
      <p className="muted">
        Every fax that reached a recipient, with the patient, what was sent, to whom and why. Patients may ask for this list; it cannot be
        edited.
      </p>
      <form onSubmit={submit} className="panel filter-form" noValidate>
        <div className="form-row">
          <Field
            label="Patient"
            hint={filters.patientId ? 'Filtering by the chosen patient.' : 'Type at least two letters of a name, then pick the patient.'}
          >
            {(p) => (
              <input
                type="search"
                value={draft.patient}
                onChange={(event) => {
                  setDraft((d) => ({ ...d, patient: event.target.value }));
                  setPatientQuery(event.target.value);
                  if (event.target.value === '') setFilters((f) => ({ ...f, patientId: '' }));
                }}
                {...p}
              />
            )}
          </Field>
          <Field label="From">
            {(p) => (
              <input type="date" value={draft.from} onChange={(event) => setDraft((d) => ({ ...d, from: event.target.value }))} {...p} />
            )}
          </Field>
          <Field label="To">
            {(p) => <input type="date" value={draft.to} onChange={(event) => setDraft((d) => ({ ...d, to: event.target.value }))} {...p} />}
          </Field>
        </div>
        {patients.status === 'ready' && patients.data && !filters.patientId ? (
          <ul className="pick-list" aria-label="Matching patients">
            {patients.data.patients.map((pt) => (
              <li key={pt.id}>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setFilters((f) => ({ ...f, patientId: pt.id }));
                    setDraft((d) => ({ ...d, patient: `${pt.lastName}, ${pt.firstName}` }));
                    setPatientQuery('');
                  }}
                >
                  {pt.lastName}, {pt.firstName}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Show disclosures
          </button>
          <a className="button" href={exportHref(filters)} download="chartfax-disclosures.csv">
            Export CSV
          </a>
        </div>
      </form>
      {list.status === 'loading' ? <Loading label="Loading disclosures…" /> : null}
      {list.status === 'error' ? <ErrorMessage error={list.error} /> : null}
      {list.status === 'ready' ? (
        list.data.disclosures.length === 0 ? (
          <p className="empty">No disclosures match.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Disclosures ({list.data.timeZone} time)</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Sent to</th>
                  <th scope="col">What</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Sent by</th>
                  <th scope="col" className="numeric">
                    Pages
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.disclosures.map((d) => (
                  <tr key={d.id}>
                    <td>{d.disclosedAtLocal}</td>
                    <th scope="row">{d.patient.name}</th>
                    <td>
                      {d.recipientName}
                      <span className="field-hint mono"> {d.recipientFaxNumber}</span>
                    </td>
                    <td>{d.description}</td>
                    <td>{d.purposeLabel}</td>
                    <td>{d.senderName}</td>
                    <td className="numeric">{d.pages}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </section>
  );
}
