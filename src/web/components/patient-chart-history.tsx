import { formatDateTime } from '../format';
import { useApi, useMe } from '../session';
import { useApiData } from '../use-api-data';
import { ErrorMessage, Loading } from './messages';

/** The chart's history: one line per fax of this patient's records, as it was recorded when it ended. */
export function PatientChartHistory({ patientId }: { patientId: string }) {
  const api = useApi();
  const me = useMe();
  const history = useApiData(
    (signal) => api.get('/api/patients/{id}/history', { path: { id: patientId }, query: { limit: '20' }, signal }),
    [api, patientId],
  );
  return (
    <section className="panel patient-chart-history" aria-labelledby="patient-chart-history-heading">
      <h2 id="patient-chart-history-heading">Chart history</h2>
      {history.status === 'loading' && <Loading label="Loading the chart history…" />}
      {history.status === 'error' && <ErrorMessage error={history.error} />}
      {history.status === 'ready' &&
        (history.data.history.length === 0 ? (
          <p className="muted">No disclosures from this chart yet.</p>
        ) : (
          <ul className="history-lines">
            {history.data.history.map((line) => (
              <li key={line.id}>
                <time dateTime={line.occurredAt}>{formatDateTime(line.occurredAt, me.clinic.timeZone)}</time> — {line.text}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
