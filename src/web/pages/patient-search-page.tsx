import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Patient } from '../api/types';
import { ErrorMessage, Loading } from '../components/messages';
import { chartNumber, countLabel, formatDate } from '../format';
import { href, Link, navigate } from '../routing';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';

const PAGE_SIZE = 25;
const TYPING_PAUSE_MS = 300;

/** Find a patient by name, date of birth or chart number; the query lives in the address (?q=). */
export function PatientSearchPage({ query }: { query: string }) {
  const id = useId();
  const [text, setText] = useState(query);

  // Follow the address when it changes from outside (back button, header link).
  useEffect(() => {
    setText((current) => (current.trim() === query ? current : query));
  }, [query]);

  // Search as the user types, once they pause; replace rather than push so Back leaves the page.
  useEffect(() => {
    if (text.trim() === query.trim()) return;
    const timer = window.setTimeout(() => navigate(href.patients(text.trim()), { replace: true }), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(href.patients(text.trim()), { replace: true });
  };

  return (
    <>
      <h1>Patients</h1>
      <form role="search" className="search-form" onSubmit={submit}>
        <div className="field field-grow">
          <label htmlFor={`${id}-query`}>Search patients</label>
          <input
            id={`${id}-query`}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
          />
          <p id={`${id}-hint`} className="field-hint">
            Name, date of birth (YYYY-MM-DD) or chart number.
          </p>
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>

      <SearchResults key={query} query={query} />
    </>
  );
}

/** Results for one query; keyed by the query, so "show more" pages never mix two searches. */
function SearchResults({ query }: { query: string }) {
  const api = useApi();
  const [more, setMore] = useState<{ patients: Patient[]; loading: boolean; error: Error | null }>({
    patients: [],
    loading: false,
    error: null,
  });
  const results = useApiData((signal) => api.get('/api/patients', { query: { query, limit: String(PAGE_SIZE) }, signal }), [api, query]);

  const loadMore = async (offset: number) => {
    setMore((m) => ({ ...m, loading: true, error: null }));
    try {
      const page = await api.get('/api/patients', { query: { query, limit: String(PAGE_SIZE), offset: String(offset) } });
      setMore((m) => ({ patients: [...m.patients, ...page.patients], loading: false, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error: error as Error }));
    }
  };

  if (results.status === 'loading') return <Loading label="Searching…" />;
  if (results.status === 'error') return <ErrorMessage error={results.error} />;
  return (
    <PatientResults
      query={query}
      patients={[...results.data.patients, ...more.patients]}
      total={results.data.total}
      loadingMore={more.loading}
      moreError={more.error}
      onLoadMore={(offset) => void loadMore(offset)}
    />
  );
}

function PatientResults(props: {
  query: string;
  patients: Patient[];
  total: number;
  loadingMore: boolean;
  moreError: Error | null;
  onLoadMore: (offset: number) => void;
}) {
  const { query, patients, total } = props;
  if (patients.length === 0) {
    return (
      <p className="empty" role="status">
        {query ? `No patients match “${query}”.` : 'There are no patients yet.'}
      </p>
    );
  }
  return (
    <section aria-labelledby="patient-results-heading" className="results">
      <h2 id="patient-results-heading" className="visually-hidden">
        Results
      </h2>
      <p className="result-count" role="status">
        {patients.length < total
          ? `Showing ${patients.length.toLocaleString('en-US')} of ${countLabel(total, 'patient')}`
          : countLabel(total, 'patient')}
      </p>
      <div className="table-wrap">
        <table className="patient-table">
          <caption className="visually-hidden">Patients{query ? ` matching “${query}”` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Chart number</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((patient) => (
              <tr key={patient.id}>
                <th scope="row">
                  <Link href={href.patientChart(patient.id)}>
                    {patient.lastName}, {patient.firstName}
                  </Link>
                </th>
                <td>
                  <time dateTime={patient.dateOfBirth}>{formatDate(patient.dateOfBirth)}</time>
                </td>
                <td>{chartNumber(patient.identifiers) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.moreError && <ErrorMessage error={props.moreError} />}
      {patients.length < total && (
        <button type="button" className="button" disabled={props.loadingMore} onClick={() => props.onLoadMore(patients.length)}>
          {props.loadingMore ? 'Loading…' : 'Show more patients'}
        </button>
      )}
    </section>
  );
}
