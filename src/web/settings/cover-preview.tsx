/**
 * A quick look at a cover template while it is typed, filled with synthetic sample values. Layout
 * follows the same rules as the cover renderer (chosen from the template's own line, never from a
 * value); the server's check on save and its preview check remain the authority on what is allowed.
 */
import type { ReactNode } from 'react';

/** Synthetic sample values (nobody real). */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  recipientName: 'Dr. Imogen Sample, Harbour Physio',
  recipientFaxNumber: '+1 604 555 0199',
  senderName: 'Robin Example',
  clinicName: 'Maple Street Wellness',
  sendingNumber: '+1 604 555 0100',
  pages: '4',
  subject: 'Treatment summary for referral',
  notes: 'Please find the requested chart notes attached.\nCall us with any questions.',
  date: '4 Mar 2025, 14:30',
  reference: 'CF-7Q2K-9XZD',
  callbackNumber: '+1 604 555 0101',
  patientName: 'Alex Testpatient',
  patientDateOfBirth: '2 Jan 1980',
};

/** Stands for a section that was left out, so the line it leaves behind can be removed. */
const DROPPED_LINE = '\u0000';

const SECTION = /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;

/** Sections kept or dropped by their sample value; a line left holding only section tags disappears. */
function applySections(source: string): string {
  let text = source;
  for (let i = 0; i < 5 && SECTION.test(text); i += 1) {
    SECTION.lastIndex = 0;
    text = text.replace(SECTION, (_m, name: string, inner: string) =>
      (SAMPLE_VALUES[name] ?? '') !== '' ? inner.replace(/^\n/, '') : DROPPED_LINE,
    );
  }
  return text
    .split('\n')
    .filter((line) => line !== DROPPED_LINE)
    .join('\n')
    .split(DROPPED_LINE)
    .join('');
}

function fill(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts.push(text.slice(last, match.index));
    const name = match[1]!;
    const value = SAMPLE_VALUES[name];
    parts.push(
      value === undefined ? (
        <mark key={match.index} className="unknown-variable">
          {match[0]}
        </mark>
      ) : (
        value
      ),
    );
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function CoverPreview({ source }: { source: string }) {
  const lines = applySections(source).split('\n');
  return (
    <div className="cover-preview" aria-label="Cover page preview with sample values" role="region">
      {lines.map((line, i) => {
        if (line.startsWith('## ')) return <h4 key={i}>{fill(line.slice(3))}</h4>;
        if (line.startsWith('# ')) return <h3 key={i}>{fill(line.slice(2))}</h3>;
        if (line.trim() === '---') return <hr key={i} />;
        if (line.startsWith('> '))
          return (
            <p key={i} className="cover-small">
              {fill(line.slice(2))}
            </p>
          );
        if (line.trim() === '') return <div key={i} className="cover-space" />;
        const label = /^\*\*(.+?)\*\*\s?(.*)$/.exec(line);
        if (label) {
          return (
            <p key={i} className="cover-line">
              <strong>{fill(label[1]!)}</strong> {fill(label[2]!)}
            </p>
          );
        }
        return (
          <p key={i} className="cover-line">
            {fill(line)}
          </p>
        );
      })}
    </div>
  );
}
