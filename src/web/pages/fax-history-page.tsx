import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorMessage, Loading } from '../components/messages';
import { FaxTable, usePolledFaxList } from '../fax/fax-table';
import { FAX_STATUS_CHOICES } from '../fax/fax-types';
import { PatientName } from '../fax/patient-name';
import { countLabel } from '../format';
import { href, navigate, type FaxHistoryFilters } from '../routing';
import { useApiData } from '../use-api-data';
import { useApi, useMe } from '../session';
import '../styles/fax.css';

const PAGE_SIZE = 25;

type StaffMember = { id: string; name: string };

/** Every fax the clinic sent, newest first, filtered by status, dates, sender, patient and recipient (kept in the address). */
export function FaxHistoryPage({ filters }: { filters: FaxHistoryFilters }) {
  const me = useMe();
  const api = useApi();
  const [page, setPage] = useState(0);
  // Loaded once for the "Sent by" choices; while it loads (or if it fails) the filter offers "Me".
  const directory = useApiData((signal) => api.get('/api/staff', { signal }), [api]);
  const staff = directory.status === 'ready' ? directory.data.staff : null;
  const list = usePolledFaxList({ ...filters, limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) });
  const fieldErrors = list.status === 'error' && list.error instanceof ApiError ? list.error.fields : {};
  const filtered = Object.values(filters).some((v) => v !== '');

  return (
    <>
      <h1>Fax history</h1>
      <FaxFilters
        key={JSON.stringify(filters)}
        applied={filters}
        fieldErrors={fieldErrors}
        myStaffId={me.staff?.id ?? null}
        staff={staff}
        onApply={(next) => {
          setPage(0);
          navigate(href.faxes(next));
        }}
      />
      {list.status === 'loading' && <Loading label="Loading the fax history…" />}
      {list.status === 'error' && Object.keys(fieldErrors).length === 0 && <ErrorMessage error={list.error} />}
      {list.status === 'ready' &&
        (list.data.faxes.length === 0 ? (
          <p className="empty" role="status">
            {filtered
              ? 'No faxes match these filters.'
              : 'No faxes have been sent yet. Fax a chart entry or a treatment plan from a patient’s chart.'}
          </p>
        ) : (
          <section className="panel" aria-labelledby="fax-results-heading">
            <h2 id="fax-results-heading" className="visually-hidden">
              Faxes
            </h2>
            <p className="result-count" role="status">
              {list.data.total > PAGE_SIZE
                ? `${page * PAGE_SIZE + 1}–${page * PAGE_SIZE + list.data.faxes.length} of ${countLabel(list.data.total, 'fax', 'faxes')}`
                : countLabel(list.data.total, 'fax', 'faxes')}
              . Times are in the clinic’s time zone ({me.clinic.timeZone}).
            </p>
            <FaxTable faxes={list.data.faxes} timeZone={me.clinic.timeZone} caption="Faxes, newest first" showPatient={true} />
            {list.data.total > PAGE_SIZE && (
              <nav className="pager" aria-label="Pages of the fax history">
                <button type="button" className="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                  Newer
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={(page + 1) * PAGE_SIZE >= list.data.total}
                  onClick={() => setPage((p) => p + 1)}
                >
                  Older
                </button>
              </nav>
            )}
          </section>
        ))}
    </>
  );
}

function FaxFilters({
  applied,
  fieldErrors,
  myStaffId,
  staff,
  onApply,
}: {
  applied: FaxHistoryFilters;
  fieldErrors: Readonly<Record<string, string>>;
  myStaffId: string | null;
  staff: readonly StaffMember[] | null;
  onApply: (f: FaxHistoryFilters) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(applied);
  const set = (key: keyof FaxHistoryFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, recipient: draft.recipient.trim() });
  };
  const error = (key: string) =>
    fieldErrors[key] ? (
      <p id={`${id}-${key}-error`} className="field-error">
        {fieldErrors[key]}
      </p>
    ) : null;
  const invalid = (key: string) => (fieldErrors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` } : {});
  const clear = { status: '', from: '', to: '', staffId: '', patientId: '', recipient: '' };

  return (
    <form className="fax-filters panel" aria-label="Filter faxes" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={draft.status} onChange={(e) => set('status', e.target.value)} {...invalid('status')}>
          <option value="">Any status</option>
          <option value="queued,rendering,sending,waiting-to-retry">In progress</option>
          <option value="failed,partially-delivered,expired">Needs attention</option>
          {FAX_STATUS_CHOICES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        {error('status')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} {...invalid('from')} />
        {error('from')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} {...invalid('to')} />
        {error('to')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-staff`}>Sent by</label>
        <select id={`${id}-staff`} value={draft.staffId} onChange={(e) => set('staffId', e.target.value)}>
          <option value="">Anyone</option>
          {staff
            ? staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === myStaffId ? `${s.name} (me)` : s.name}
                </option>
              ))
            : myStaffId && <option value={myStaffId}>Me</option>}
          {/* A sender no longer in the directory (or not loaded yet) stays selectable from the address. */}
          {draft.staffId && !(staff ? staff.some((s) => s.id === draft.staffId) : draft.staffId === myStaffId) && (
            <option value={draft.staffId}>The chosen staff member</option>
          )}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${id}-recipient`}>Recipient</label>
        <input
          id={`${id}-recipient`}
          type="search"
          value={draft.recipient}
          placeholder="Name or fax number"
          onChange={(e) => set('recipient', e.target.value)}
        />
      </div>
      {draft.patientId && (
        <p className="filter-chip">
          <span>
            Patient: <PatientName patientId={draft.patientId} />
          </span>
          <button type="button" className="button button-quiet" onClick={() => onApply({ ...draft, patientId: '' })}>
            Show all patients
          </button>
        </p>
      )}
      <div className="fax-filter-buttons">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button type="button" className="button" onClick={() => onApply(clear)} disabled={Object.values(applied).every((v) => v === '')}>
          Clear
        </button>
      </div>
    </form>
  );
}
