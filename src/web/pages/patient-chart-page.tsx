import { useState } from 'react';
import { ApiError } from '../api/client';
import type { ChartEntry, Patient } from '../api/types';
import { ChartEntryList } from '../components/chart-entry-list';
import { DateRangeFilter, type DateRange } from '../components/date-range-filter';
import { ErrorMessage, Loading } from '../components/messages';
import { chartEntrySource, chartRangeSource } from '../fax/fax-sources';
import { useFaxDialog } from '../fax/fax-launcher';
import { MenuButton } from '../fax/menu-button';
import type { FaxSourceChoice } from '../fax/fax-types';
import { countLabel, describeEmptyRange, formatDate } from '../format';
import { href, navigate } from '../routing';
import { useApi, usePermission } from '../session';
import { useApiData } from '../use-api-data';

const PAGE_SIZE = 50;

/** The Chart section: entries newest first, optionally limited to a range of days (?from=&to=). */
export function PatientChartPage({ patient, range }: { patient: Patient; range: DateRange }) {
  const api = useApi();
  const entries = useApiData(
    (signal) =>
      api.get('/api/patients/{id}/chart-entries', {
        path: { id: patient.id },
        query: { from: range.from, to: range.to, limit: String(PAGE_SIZE) },
        signal,
      }),
    [api, patient.id, range.from, range.to],
  );
  const fieldErrors = entries.status === 'error' && entries.error instanceof ApiError ? entries.error.fields : {};
  const canFax = usePermission('faxes:send') !== false;
  const fax = useFaxDialog();
  const rangeTotal = entries.status === 'ready' && range.from && range.to ? entries.data.total : 0;

  return (
    <section aria-labelledby="chart-heading" className="panel">
      <h2 id="chart-heading">Chart</h2>
      <DateRangeFilter
        key={`filter:${range.from}|${range.to}`}
        applied={range}
        fieldErrors={fieldErrors}
        onApply={(next) => navigate(href.patientChart(patient.id, next))}
        actions={
          canFax && rangeTotal > 0 ? (
            <MenuButton
              label="More"
              accessibleLabel="More actions for this date range"
              items={[
                {
                  label: 'Fax entries in this range',
                  onSelect: () => fax.open(chartRangeSource(patient.id, range.from, range.to, rangeTotal)),
                },
              ]}
            />
          ) : null
        }
      />
      {entries.status === 'loading' && <Loading label="Loading chart entries…" />}
      {entries.status === 'error' && <ErrorMessage error={entries.error} />}
      {entries.status === 'ready' && (
        <ChartEntries
          key={`entries:${range.from}|${range.to}`}
          patientId={patient.id}
          range={range}
          first={entries.data.chartEntries}
          total={entries.data.total}
          timeZone={entries.data.timeZone}
          onFax={canFax ? fax.open : null}
        />
      )}
      {fax.element}
    </section>
  );
}

function rangeSummary(range: DateRange): string {
  if (range.from && range.to) return ` from ${formatDate(range.from)} to ${formatDate(range.to)}`;
  if (range.from) return ` on or after ${formatDate(range.from)}`;
  if (range.to) return ` on or before ${formatDate(range.to)}`;
  return '';
}

/** The loaded entries plus any further pages the user asked for. */
function ChartEntries(props: {
  patientId: string;
  range: DateRange;
  first: ChartEntry[];
  total: number;
  timeZone: string;
  onFax: ((source: FaxSourceChoice) => void) | null;
}) {
  const onFax = props.onFax;
  const api = useApi();
  const [more, setMore] = useState<{ entries: ChartEntry[]; loading: boolean; error: Error | null }>({
    entries: [],
    loading: false,
    error: null,
  });
  const entries = [...props.first, ...more.entries];

  const loadMore = async () => {
    setMore((m) => ({ ...m, loading: true, error: null }));
    try {
      const page = await api.get('/api/patients/{id}/chart-entries', {
        path: { id: props.patientId },
        query: { from: props.range.from, to: props.range.to, limit: String(PAGE_SIZE), offset: String(entries.length) },
      });
      setMore((m) => ({ entries: [...m.entries, ...page.chartEntries], loading: false, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error: error as Error }));
    }
  };

  if (entries.length === 0) {
    return (
      <p className="empty" role="status">
        {describeEmptyRange(props.range.from, props.range.to)}
      </p>
    );
  }
  return (
    <>
      <p className="result-count" role="status">
        {countLabel(props.total, 'entry', 'entries')}
        {rangeSummary(props.range)}. Times are in the clinic’s time zone ({props.timeZone}).
      </p>
      <ChartEntryList
        entries={entries}
        timeZone={props.timeZone}
        label="Chart entries"
        headingLevel={3}
        renderEntryActions={
          onFax
            ? (entry) => {
                const source = chartEntrySource(entry, props.timeZone);
                return (
                  <MenuButton
                    label="Actions"
                    accessibleLabel={`Actions for ${source.label}`}
                    items={[{ label: 'Fax', onSelect: () => onFax(source) }]}
                  />
                );
              }
            : undefined
        }
      />
      {more.error && <ErrorMessage error={more.error} />}
      {entries.length < props.total && (
        <button type="button" className="button" disabled={more.loading} onClick={() => void loadMore()}>
          {more.loading ? 'Loading…' : `Show more entries (${(props.total - entries.length).toLocaleString('en-US')} more)`}
        </button>
      )}
    </>
  );
}
