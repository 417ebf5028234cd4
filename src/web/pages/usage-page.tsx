/**
 * Usage: pages delivered this month (cover pages count; failed and cancelled faxes do not) against
 * the clinic's allowance, day by day, by staff member and by location, and the months before.
 * The daily chart is an SVG for the eye with the same figures in a table for screen readers.
 */
import { ErrorMessage, Loading } from '../components/messages';
import { formatDate } from '../format';
import { href, Link } from '../routing';
import { useApi } from '../session';
import { useApiData } from '../use-api-data';
import '../styles/settings.css';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 2025" from "2025-03". */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return `${MONTH_NAMES[Number(match[2]) - 1] ?? '?'} ${match[1]}`;
}

function shiftMonth(month: string, by: number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const pages = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'page' : 'pages'}`;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function DailyChart({ days }: { days: readonly { date: string; pages: number }[] }) {
  const max = Math.max(1, ...days.map((d) => d.pages));
  const width = 720;
  const height = 160;
  const gap = 2;
  const barWidth = days.length > 0 ? width / days.length - gap : 0;
  return (
    <figure className="usage-chart">
      <svg viewBox={`0 0 ${width} ${height + 18}`} role="img" aria-labelledby="daily-chart-caption" preserveAspectRatio="none">
        {days.map((d, i) => {
          const h = Math.round((d.pages / max) * height);
          const x = i * (barWidth + gap);
          return (
            <g key={d.date}>
              <rect x={x} y={height - h} width={barWidth} height={Math.max(h, d.pages > 0 ? 2 : 0)} className="usage-bar">
                <title>{`${formatDate(d.date)}: ${pages(d.pages)}`}</title>
              </rect>
              {(i + 1) % 5 === 0 || i === 0 ? (
                <text x={x + barWidth / 2} y={height + 14} textAnchor="middle" className="usage-axis">
                  {Number(d.date.slice(8, 10))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption id="daily-chart-caption">
        Pages delivered per day (busiest day: {pages(max === 1 && days.every((d) => d.pages === 0) ? 0 : max)})
      </figcaption>
      <details className="usage-table-toggle">
        <summary>Show the figures as a table</summary>
        <table className="data-table compact">
          <caption className="visually-hidden">Pages delivered per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Pages</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatDate(d.date)}</th>
                <td>{d.pages}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Breakdown({ title, rows }: { title: string; rows: readonly { key: string; name: string; pages: number }[] }) {
  return (
    <section className="panel usage-breakdown" aria-labelledby={`usage-${title.replace(/\W+/g, '-').toLowerCase()}`}>
      <h2 id={`usage-${title.replace(/\W+/g, '-').toLowerCase()}`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No pages delivered.</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="numeric">
                Pages
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td className="numeric">{r.pages.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function UsagePage({ month }: { month: string }) {
  const api = useApi();
  const usage = useApiData((signal) => api.get('/api/usage', { query: month ? { month } : {}, signal }), [api, month]);

  if (usage.status === 'loading') return <Loading label="Loading usage…" />;
  if (usage.status === 'error') return <ErrorMessage error={usage.error} />;
  const u = usage.data;
  const percent = u.allowance > 0 ? Math.round((u.pagesUsed / u.allowance) * 100) : 0;
  const barPercent = Math.min(100, percent);
  const level = percent >= 100 ? 'over' : percent >= 80 ? 'warn' : 'ok';

  return (
    <div className="usage-page">
      <div className="section-header">
        <h1>Usage · {monthLabel(u.month)}</h1>
        <nav aria-label="Month" className="section-actions">
          <Link className="button" href={href.usage(shiftMonth(u.month, -1))}>
            ← {monthLabel(shiftMonth(u.month, -1))}
          </Link>
          {month ? (
            <Link className="button" href={href.usage()}>
              This month
            </Link>
          ) : null}
        </nav>
      </div>
      <p className="muted">
        Pages delivered in {monthLabel(u.month)} ({u.timeZone} time). Cover pages count; failed and cancelled faxes do not.
      </p>

      <section className="panel usage-summary" aria-labelledby="allowance-title">
        <h2 id="allowance-title">Monthly allowance</h2>
        <p className="usage-figure">
          <strong>{pages(u.pagesUsed)}</strong> of {pages(u.allowance)} used ({percent}%)
        </p>
        <div
          className={`meter meter-${level}`}
          role="meter"
          aria-label="Pages used of the monthly allowance"
          aria-valuemin={0}
          aria-valuemax={u.allowance}
          aria-valuenow={Math.min(u.pagesUsed, u.allowance)}
          aria-valuetext={`${pages(u.pagesUsed)} of ${pages(u.allowance)} (${percent}%)`}
        >
          <div className="meter-fill" style={{ width: `${barPercent}%` }} />
          <div className="meter-mark" style={{ left: '80%' }} aria-hidden="true" />
        </div>
        <p className="usage-remaining">
          {u.overagePages > 0
            ? `${pages(u.overagePages)} over the allowance: ${money(u.overageCents)} at ${money(u.overageCentsPerPage)} a page.`
            : `${pages(u.pagesRemaining)} left this month.`}
        </p>
        {level !== 'ok' ? (
          <div className={`notice ${level === 'over' ? 'notice-error' : 'notice-warning'}`} role="status">
            <p>
              {level === 'over'
                ? `The allowance for ${monthLabel(u.month)} is used up. Faxes still go out; each further page costs ${money(u.overageCentsPerPage)}.`
                : `${percent}% of the allowance for ${monthLabel(u.month)} is used.`}
            </p>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="daily-title">
        <h2 id="daily-title">Day by day</h2>
        <DailyChart days={u.byDay} />
      </section>

      <div className="usage-grid">
        <Breakdown title="By staff member" rows={u.byStaff.map((s) => ({ key: s.staffId ?? 'api', name: s.name, pages: s.pages }))} />
        <Breakdown title="By location" rows={u.byLocation.map((l) => ({ key: l.locationId ?? 'none', name: l.name, pages: l.pages }))} />
        <section className="panel usage-breakdown" aria-labelledby="usage-months">
          <h2 id="usage-months">Earlier months</h2>
          {u.months.length === 0 ? (
            <p className="muted">No earlier months yet.</p>
          ) : (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="numeric">
                    Pages
                  </th>
                </tr>
              </thead>
              <tbody>
                {u.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">
                      <Link href={href.usage(m.month)}>{monthLabel(m.month)}</Link>
                    </th>
                    <td className="numeric">{m.pages.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
