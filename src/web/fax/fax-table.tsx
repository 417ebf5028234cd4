import { useEffect, useState } from 'react';
import { isAbort } from '../api/client';
import { formatDateTime } from '../format';
import { href, Link } from '../routing';
import { useApi } from '../session';
import type { Loadable } from '../use-api-data';
import { FaxStatusBadge, pagesText } from './fax-status-badge';
import { displayFaxNumber } from './fax-number';
import { FAX_SENT_EVENT, isFinalStatus, type FaxListPage } from './fax-types';
import { PatientName } from './patient-name';
import { FAX_POLL_INTERVAL_MS } from './use-polled-fax';

export type FaxListQuery = {
  status?: string;
  patientId?: string;
  staffId?: string;
  recipient?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
};

/** A page of the fax history, read again every 2 s while any fax on it is still on its way, and when a fax is sent. */
export function usePolledFaxList(query: FaxListQuery): Loadable<FaxListPage> {
  const api = useApi();
  const [state, setState] = useState<Loadable<FaxListPage>>({ status: 'loading' });
  const [sentCount, setSentCount] = useState(0);
  const key = JSON.stringify(query);

  useEffect(() => {
    const onSent = () => setSentCount((n) => n + 1);
    window.addEventListener(FAX_SENT_EVENT, onSent);
    return () => window.removeEventListener(FAX_SENT_EVENT, onSent);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const load = () => {
      api.get('/api/faxes', { query: JSON.parse(key) as FaxListQuery, signal: controller.signal }).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState({ status: 'ready', data: page });
          if (page.faxes.some((f) => !isFinalStatus(f.status))) timer = window.setTimeout(load, FAX_POLL_INTERVAL_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          setState({ status: 'error', error: error as Error });
        },
      );
    };
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [api, key, sentCount]);
  return state;
}

/** Faxes as a table: when, status, recipient, what, pages, who sent it. */
export function FaxTable({
  faxes,
  timeZone,
  caption,
  showPatient,
}: {
  faxes: FaxListPage['faxes'];
  timeZone: string;
  caption: string;
  showPatient: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="fax-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Sent</th>
            <th scope="col">Status</th>
            <th scope="col">Recipient</th>
            {showPatient && <th scope="col">Patient</th>}
            <th scope="col">What</th>
            <th scope="col">Pages</th>
            <th scope="col">Sent by</th>
          </tr>
        </thead>
        <tbody>
          {faxes.map((fax) => (
            <tr key={fax.id} data-fax-id={fax.id}>
              <th scope="row">
                <Link href={href.fax(fax.id)}>
                  <time dateTime={fax.createdAt}>{formatDateTime(fax.createdAt, timeZone)}</time>
                </Link>
                <span className="fax-reference">{fax.reference}</span>
              </th>
              <td>
                <FaxStatusBadge status={fax.status} label={fax.statusLabel} />
                {fax.status === 'waiting-to-retry' && fax.nextAttemptAt && (
                  <span className="fax-row-note">Next try {formatDateTime(fax.nextAttemptAt, timeZone).split(', ')[1]}</span>
                )}
              </td>
              <td>
                <span className="fax-recipient-name">{fax.recipient.name}</span>
                <span className="fax-number">{displayFaxNumber(fax.recipient.faxNumber)}</span>
              </td>
              {showPatient && (
                <td>
                  <Link href={href.patientChart(fax.patientId)}>
                    <PatientName patientId={fax.patientId} />
                  </Link>
                </td>
              )}
              <td className="fax-description">{fax.description}</td>
              <td>{pagesText(fax)}</td>
              <td>{fax.sender.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
