import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorMessage, isNotFound, Loading } from '../components/messages';
import { checkFaxNumber, displayFaxNumber, formatAsTyped } from '../fax/fax-number';
import { FaxStatusBadge, pagesText } from '../fax/fax-status-badge';
import { isFinalStatus, type FaxAttempt, type FaxDetail, type FaxSummary } from '../fax/fax-types';
import { usePolledFax } from '../fax/use-polled-fax';
import { countLabel, formatDateTime } from '../format';
import { href, Link, navigate } from '../routing';
import { useApi, useMe, usePermission } from '../session';
import '../styles/fax.css';

const TRANSPORT_LABELS: Readonly<Record<string, string>> = {
  'test-line': 'Test line',
  documo: 'Documo',
  phaxio: 'Phaxio',
  telnyx: 'Telnyx',
};
const ATTEMPT_STATUS_LABELS: Readonly<Record<string, string>> = {
  sending: 'Sending',
  submitted: 'Handed to the provider',
  unknown: 'Checking with the provider',
  delivered: 'Delivered',
  failed: 'Failed',
  'partially-delivered': 'Partially delivered',
};

function transportLabel(transport: string): string {
  return TRANSPORT_LABELS[transport] ?? transport;
}

/** One fax: live status, the attempts, the document as sent and as received, cancel/resend, and a printable transmission report. */
export function FaxDetailPage({ faxId }: { faxId: string }) {
  const { state, replace } = usePolledFax(faxId);
  if (state.status === 'loading') return <Loading label="Loading the fax…" />;
  if (state.status === 'error') {
    return (
      <>
        <p className="back-link">
          <Link href={href.faxes()}>Fax history</Link>
        </p>
        <h1>{isNotFound(state.error) ? 'Fax not found' : 'Fax'}</h1>
        {isNotFound(state.error) ? <p>There is no fax at this address in your clinic.</p> : <ErrorMessage error={state.error} />}
      </>
    );
  }
  return <FaxDetailView fax={state.data} onChanged={replace} />;
}

function FaxDetailView({ fax, onChanged }: { fax: FaxDetail; onChanged: (fax: FaxDetail) => void }) {
  const me = useMe();
  const tz = me.clinic.timeZone;
  const canSend = usePermission('faxes:send') !== false;
  const final = isFinalStatus(fax.status);

  return (
    <div className="fax-detail">
      <div className="no-print">
        <p className="back-link">
          <Link href={href.faxes()}>Fax history</Link>
        </p>
        <div className="fax-detail-header">
          <h1>Fax to {fax.recipient.name}</h1>
          <FaxStatusBadge status={fax.status} label={fax.statusLabel} />
        </div>
        <p className="fax-detail-sub">
          <span>{fax.reference}</span> · <span>{displayFaxNumber(fax.recipient.faxNumber)}</span> · <span>{pagesText(fax)}</span>
        </p>
        <LiveStatus fax={fax} timeZone={tz} />
        <FaxActions fax={fax} canSend={canSend} onChanged={onChanged} />

        <div className="fax-detail-grid">
          <section className="panel" aria-labelledby="fax-facts-heading">
            <h2 id="fax-facts-heading">Details</h2>
            <dl className="facts facts-stacked">
              <div>
                <dt>Patient</dt>
                <dd>{fax.patient ? <Link href={href.patientChart(fax.patient.id)}>{fax.patient.name}</Link> : '—'}</dd>
              </div>
              <div>
                <dt>What was faxed</dt>
                <dd>{fax.description}</dd>
              </div>
              <div>
                <dt>Recipient</dt>
                <dd>
                  {fax.recipient.name}, {displayFaxNumber(fax.recipient.faxNumber)}
                </dd>
              </div>
              <div>
                <dt>Sent by</dt>
                <dd>{fax.sender.name}</dd>
              </div>
              <div>
                <dt>Sending number</dt>
                <dd>{fax.sendingNumber ? displayFaxNumber(fax.sendingNumber) : '—'}</dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatDateTime(fax.createdAt, tz)}</dd>
              </div>
              <div>
                <dt>Finished</dt>
                <dd>{fax.finishedAt ? formatDateTime(fax.finishedAt, tz) : 'Not yet'}</dd>
              </div>
              <div>
                <dt>Sent through</dt>
                <dd>{transportLabel(fax.transport)}</dd>
              </div>
              <div>
                <dt>Pages</dt>
                <dd>
                  {countLabel(fax.pageCount, 'page')}
                  {fax.coverPages > 0 ? ' including the cover page' : ''}
                </dd>
              </div>
              {fax.resendOf && (
                <div>
                  <dt>Resend of</dt>
                  <dd>
                    <Link href={href.fax(fax.resendOf)}>the earlier fax</Link>
                  </dd>
                </div>
              )}
            </dl>
          </section>
          <section className="panel" aria-labelledby="fax-attempts-heading">
            <h2 id="fax-attempts-heading">Attempts</h2>
            {fax.attempts.length === 0 ? (
              <p className="muted">No attempt has started yet.</p>
            ) : (
              <AttemptTimeline attempts={fax.attempts} timeZone={tz} />
            )}
          </section>
        </div>

        <section className="panel" aria-labelledby="fax-document-heading">
          <div className="section-header">
            <h2 id="fax-document-heading">The document as sent</h2>
            <a href={fax.documentUrl} target="_blank" rel="noreferrer" className="button">
              Open the PDF
            </a>
          </div>
          {fax.received ? (
            <>
              <p className="muted">
                Each page as sent, beside the page the test line’s receiving machine printed
                {fax.received.remoteStationId ? ` (station ${fax.received.remoteStationId})` : ''}.
              </p>
              <ol className="page-pairs" aria-label="Sent and received pages">
                {fax.pages.map((page) => {
                  const received = fax.received!.pages.find((p) => p.number === page.number);
                  return (
                    <li key={page.number} className="page-pair">
                      <figure>
                        <img src={page.url} alt={`Sent page ${page.number} of ${fax.pageCount}`} loading="lazy" />
                        <figcaption>Sent page {page.number}</figcaption>
                      </figure>
                      <figure>
                        {received ? (
                          <img src={received.url} alt={`Received page ${page.number}`} loading="lazy" />
                        ) : (
                          <div className="page-missing">Not received</div>
                        )}
                        <figcaption>Received page {page.number}</figcaption>
                      </figure>
                    </li>
                  );
                })}
              </ol>
            </>
          ) : (
            <ol className="page-thumbs" aria-label="Pages as sent">
              {fax.pages.map((page) => (
                <li key={page.number}>
                  <a href={page.url} target="_blank" rel="noreferrer">
                    <img src={page.url} alt={`Sent page ${page.number} of ${fax.pageCount}`} loading="lazy" />
                  </a>
                  <span className="page-thumb-number" aria-hidden="true">
                    {page.number}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {final && <TransmissionReport fax={fax} timeZone={tz} clinicName={me.clinic.name} />}
    </div>
  );
}

/** What is happening now, announced to screen readers as it changes. */
function LiveStatus({ fax, timeZone }: { fax: FaxDetail; timeZone: string }) {
  const last = fax.attempts[fax.attempts.length - 1];
  let text: string;
  if (fax.status === 'sending' && fax.progress) {
    const current = Math.min(fax.progress.pagesSent + 1, fax.progress.totalPages);
    text = `Sending page ${current} of ${fax.progress.totalPages}.`;
  } else if (fax.status === 'sending') text = 'Calling the fax machine…';
  else if (fax.status === 'queued') text = 'Queued: Chartfax will start sending in a moment.';
  else if (fax.status === 'rendering') text = 'Preparing the pages for this attempt…';
  else if (fax.status === 'waiting-to-retry')
    text =
      last?.explanation ??
      (fax.nextAttemptAt ? `Chartfax will try again at ${formatDateTime(fax.nextAttemptAt, timeZone)}.` : 'Waiting to try again.');
  else if (fax.status === 'delivered')
    text = `Delivered${fax.finishedAt ? ` at ${formatDateTime(fax.finishedAt, timeZone)}` : ''}: ${countLabel(fax.pageCount, 'page')}.`;
  else text = fax.failure?.message || last?.explanation || fax.statusLabel;
  return (
    <div className={`fax-live fax-live-${fax.status}`}>
      <p role="status">{text}</p>
      {fax.status === 'sending' && fax.progress && (
        <progress
          max={fax.progress.totalPages}
          value={fax.progress.pagesSent}
          aria-label={`Pages sent: ${fax.progress.pagesSent} of ${fax.progress.totalPages}`}
        />
      )}
    </div>
  );
}

function AttemptTimeline({ attempts, timeZone }: { attempts: FaxAttempt[]; timeZone: string }) {
  return (
    <ol className="attempts" aria-label="Attempts, first to last">
      {attempts.map((a) => (
        <li key={a.number} className={`attempt attempt-${a.status}`}>
          <h3>
            Attempt {a.number} · {ATTEMPT_STATUS_LABELS[a.status] ?? a.status}
          </h3>
          {a.explanation && <p className="attempt-explanation">{a.explanation}</p>}
          <dl className="attempt-facts">
            <div>
              <dt>Started</dt>
              <dd>{formatDateTime(a.startedAt, timeZone)}</dd>
            </div>
            <div>
              <dt>Ended</dt>
              <dd>{a.endedAt ? formatDateTime(a.endedAt, timeZone) : 'In progress'}</dd>
            </div>
            <div>
              <dt>Transport</dt>
              <dd>{transportLabel(a.transport)}</dd>
            </div>
            <div>
              <dt>Pages transmitted</dt>
              <dd>
                {a.pagesTransmitted} of {a.pagesInAttempt}
                {a.firstPage > 1 ? ` (from page ${a.firstPage})` : ''}
              </dd>
            </div>
            <div>
              <dt>Result code</dt>
              <dd>{a.rawCode ?? a.cause ?? '—'}</dd>
            </div>
            {a.providerFaxId && a.transport !== 'test-line' && (
              <div>
                <dt>Provider’s fax id</dt>
                <dd>{a.providerFaxId}</dd>
              </div>
            )}
            {a.remoteStationId && (
              <div>
                <dt>Receiving station</dt>
                <dd>{a.remoteStationId}</dd>
              </div>
            )}
            {a.bitRate !== null && (
              <div>
                <dt>Speed</dt>
                <dd>{a.bitRate.toLocaleString('en-US')} bit/s</dd>
              </div>
            )}
            {a.durationSeconds !== null && (
              <div>
                <dt>Line time</dt>
                <dd>{a.durationSeconds} s</dd>
              </div>
            )}
            {a.nextRetryAt && (
              <div>
                <dt>Next try</dt>
                <dd>{formatDateTime(a.nextRetryAt, timeZone)}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}

function FaxActions({ fax, canSend, onChanged }: { fax: FaxDetail; canSend: boolean; onChanged: (fax: FaxDetail) => void }) {
  const api = useApi();
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [resending, setResending] = useState(false);
  const final = isFinalStatus(fax.status);

  const cancel = async () => {
    setCancelling(true);
    setError(null);
    try {
      onChanged(await api.post('/api/faxes/{id}/cancel', { path: { id: fax.id } }));
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <div className="fax-actions">
      {error && <ErrorMessage error={error} />}
      <div className="button-row">
        {canSend && fax.cancellable && (
          <button type="button" className="button button-danger" disabled={cancelling} onClick={() => void cancel()}>
            {cancelling ? 'Cancelling…' : 'Cancel fax'}
          </button>
        )}
        {canSend && final && !resending && (
          <button type="button" className="button" onClick={() => setResending(true)}>
            Resend
          </button>
        )}
        {final && (
          <button type="button" className="button" onClick={() => window.print()}>
            Print report
          </button>
        )}
      </div>
      {resending && <ResendForm fax={fax} onCancel={() => setResending(false)} />}
    </div>
  );
}

/** Send the same document again, to the same or a corrected number. */
function ResendForm({ fax, onCancel }: { fax: FaxDetail; onCancel: () => void }) {
  const api = useApi();
  const me = useMe();
  const id = useId();
  const [name, setName] = useState(fax.recipient.name);
  const [number, setNumber] = useState(displayFaxNumber(fax.recipient.faxNumber));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Readonly<Record<string, string>> } | null>(null);
  const key = useRef(typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Date.now()));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = number.trim().startsWith('+') ? null : checkFaxNumber(number, me.clinic.country);
    if (problem || name.trim() === '') {
      setError({
        message: 'Correct the fields below.',
        fields: {
          ...(problem && { 'recipient.faxNumber': problem }),
          ...(name.trim() === '' && { 'recipient.name': 'Enter the recipient’s name.' }),
        },
      });
      return;
    }
    setSending(true);
    setError(null);
    try {
      const sent = (await api.post('/api/faxes/{id}/resend', {
        path: { id: fax.id },
        body: { faxNumber: number.trim(), recipientName: name.trim(), idempotencyKey: key.current },
      })) as unknown as FaxSummary;
      navigate(href.fax(sent.id));
    } catch (caught) {
      setSending(false);
      setError({ message: (caught as Error).message, fields: caught instanceof ApiError ? caught.fields : {} });
    }
  };
  const nameError = error?.fields['recipient.name'];
  const numberError = error?.fields['recipient.faxNumber'];
  return (
    <form className="resend-form panel" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-heading`}>Resend this fax</h2>
      <p className="muted">The same pages are sent again. Correct the number if it was wrong.</p>
      {error && !nameError && !numberError && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Recipient name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
          />
          {nameError && (
            <p id={`${id}-name-error`} className="field-error">
              {nameError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-number`}>Fax number</label>
          <input
            id={`${id}-number`}
            type="text"
            inputMode="tel"
            value={number}
            onChange={(e) =>
              setNumber(e.target.value.length > number.length ? formatAsTyped(e.target.value, me.clinic.country) : e.target.value)
            }
            aria-invalid={numberError ? true : undefined}
            aria-describedby={numberError ? `${id}-number-error` : undefined}
          />
          {numberError && (
            <p id={`${id}-number-error`} className="field-error">
              {numberError}
            </p>
          )}
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? 'Sending…' : 'Send again'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={sending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * The transmission report a clinic files in the patient's chart: on screen below the fax, and the
 * only thing printed (see @media print in fax.css).
 */
function TransmissionReport({ fax, timeZone, clinicName }: { fax: FaxDetail; timeZone: string; clinicName: string }) {
  const last = fax.attempts[fax.attempts.length - 1];
  const delivered = [...fax.attempts].reverse().find((a) => a.status === 'delivered' || a.pagesTransmitted > 0) ?? last;
  const first = fax.pages[0];
  return (
    <section className="transmission-report panel" aria-labelledby="fax-report-heading">
      <h2 id="fax-report-heading">Transmission report</h2>
      <div className="report-body">
        {first && (
          <figure className="report-thumb">
            <img src={first.url} alt="First page as sent" />
            <figcaption>First page</figcaption>
          </figure>
        )}
        <table className="report-table">
          <caption className="visually-hidden">Transmission details</caption>
          <tbody>
            <tr>
              <th scope="row">Clinic</th>
              <td>{clinicName}</td>
            </tr>
            <tr>
              <th scope="row">Reference</th>
              <td>{fax.reference}</td>
            </tr>
            <tr>
              <th scope="row">Patient</th>
              <td>{fax.patient ? `${fax.patient.name} (born ${fax.patient.dateOfBirth})` : '—'}</td>
            </tr>
            <tr>
              <th scope="row">Document</th>
              <td>{fax.description}</td>
            </tr>
            <tr>
              <th scope="row">Result</th>
              <td>
                {fax.statusLabel}
                {fax.failure ? ` — ${fax.failure.message}` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">Pages</th>
              <td>
                {fax.pagesDelivered} of {fax.pageCount} delivered{fax.coverPages > 0 ? ' (including the cover page)' : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">Recipient</th>
              <td>
                {fax.recipient.name}, {displayFaxNumber(fax.recipient.faxNumber)}
              </td>
            </tr>
            <tr>
              <th scope="row">Sending number</th>
              <td>{fax.sendingNumber ? displayFaxNumber(fax.sendingNumber) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">Receiving station</th>
              <td>{delivered?.remoteStationId ?? fax.received?.remoteStationId ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">Started</th>
              <td>{fax.attempts[0] ? formatDateTime(fax.attempts[0].startedAt, timeZone) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">Finished</th>
              <td>{fax.finishedAt ? formatDateTime(fax.finishedAt, timeZone) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">Attempts</th>
              <td>{fax.attempts.length}</td>
            </tr>
            <tr>
              <th scope="row">Sent by</th>
              <td>{fax.sender.name}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="report-note">Times are in the clinic’s time zone ({timeZone}).</p>
    </section>
  );
}
