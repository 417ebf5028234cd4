import { ErrorMessage, Loading } from '../components/messages';
import { countLabel } from '../format';
import { href, Link } from '../routing';
import { useMe } from '../session';
import { FaxTable, usePolledFaxList } from './fax-table';
import '../styles/fax.css';

const LOG_SIZE = 10;

/** The patient's fax log: the latest faxes of their records, updated while any is on its way. */
export function PatientFaxLog({ patientId }: { patientId: string }) {
  const me = useMe();
  const list = usePolledFaxList({ patientId, limit: String(LOG_SIZE) });
  return (
    <section className="panel patient-fax-log" aria-labelledby="patient-fax-log-heading">
      <div className="section-header">
        <h2 id="patient-fax-log-heading">Fax log</h2>
        {list.status === 'ready' && list.data.total > 0 && <Link href={href.faxes({ patientId })}>See all in the fax history</Link>}
      </div>
      {list.status === 'loading' && <Loading label="Loading the fax log…" />}
      {list.status === 'error' && <ErrorMessage error={list.error} />}
      {list.status === 'ready' &&
        (list.data.faxes.length === 0 ? (
          <p className="muted">Nothing from this patient’s record has been faxed yet.</p>
        ) : (
          <>
            <p className="result-count">
              {list.data.total > LOG_SIZE
                ? `The latest ${LOG_SIZE} of ${countLabel(list.data.total, 'fax', 'faxes')}`
                : countLabel(list.data.total, 'fax', 'faxes')}
            </p>
            <FaxTable
              faxes={list.data.faxes}
              timeZone={me.clinic.timeZone}
              caption="Faxes from this patient’s record, newest first"
              showPatient={false}
            />
          </>
        ))}
    </section>
  );
}
