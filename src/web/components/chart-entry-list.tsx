import { useId, useState, type ReactNode } from 'react';
import type { ChartEntry } from '../api/types';
import { formatDateTime, withCredentials } from '../format';

type HeadingLevel = 2 | 3 | 4 | 5;

export interface ChartEntryListProps {
  entries: readonly ChartEntry[];
  /** The clinic's time zone (from the chart-entries response): every time is shown on its clock. */
  timeZone: string;
  /** Accessible name of the list, e.g. "Chart entries". */
  label: string;
  /** Level of each entry's heading, so the page keeps one heading hierarchy. */
  headingLevel: HeadingLevel;
  /**
   * Per-entry actions shown at the right of each row (e.g. an `EntryActions` menu with "Fax").
   * Return null for entries that have none.
   */
  renderEntryActions?: (entry: ChartEntry) => ReactNode;
}

/** Chart entries in the order given (the API returns newest first); each row expands to its sections. */
export function ChartEntryList({ entries, timeZone, label, headingLevel, renderEntryActions }: ChartEntryListProps) {
  return (
    <ol className="entry-list" aria-label={label}>
      {entries.map((entry) => (
        <ChartEntryRow
          key={entry.id}
          entry={entry}
          timeZone={timeZone}
          headingLevel={headingLevel}
          actions={renderEntryActions?.(entry) ?? null}
        />
      ))}
    </ol>
  );
}

function ChartEntryRow({
  entry,
  timeZone,
  headingLevel,
  actions,
}: {
  entry: ChartEntry;
  timeZone: string;
  headingLevel: HeadingLevel;
  actions: ReactNode;
}) {
  const [expanded, setExpanded] = useState(false);
  const bodyId = useId();
  const Heading = `h${headingLevel}` as const;
  const SectionHeading = `h${Math.min(headingLevel + 1, 6) as 3 | 4 | 5 | 6}` as const;

  return (
    <li className={`entry${expanded ? ' entry-expanded' : ''}`} data-entry-id={entry.id}>
      <div className="entry-header">
        <Heading className="entry-title">
          <button
            type="button"
            className="entry-toggle"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={() => setExpanded((v) => !v)}
          >
            <span className="entry-chevron" aria-hidden="true" />
            <time dateTime={entry.occurredAt} className="entry-time">
              {formatDateTime(entry.occurredAt, timeZone)}
            </time>
            <span className="entry-template">{entry.templateName}</span>
          </button>
        </Heading>
        <p className="entry-meta">
          <span className="entry-author">{withCredentials(entry.author)}</span>
          {!entry.signed && <span className="badge badge-warning">Unsigned</span>}
        </p>
        {actions !== null && actions !== undefined && <div className="entry-actions">{actions}</div>}
      </div>
      <div id={bodyId} className="entry-body" hidden={!expanded}>
        {expanded &&
          (entry.sections.length === 0 ? (
            <p className="muted">This entry has no sections.</p>
          ) : (
            entry.sections.map((section, index) => (
              <section key={index} className="entry-section">
                <SectionHeading className="entry-section-title">{section.title}</SectionHeading>
                <p className="entry-section-text">{section.text}</p>
              </section>
            ))
          ))}
      </div>
    </li>
  );
}
