/**
 * Dates as clinic staff read them: "3 Mar 2025", "3 Mar 2025, 09:30". Chart times are shown in the
 * clinic's time zone (the API names it), never the browser's, so every workstation shows the same time.
 * Month names are spelled out here rather than taken from the browser's locale data, which differ
 * between versions ("Sep" / "Sept").
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function dayMonth(date: CalendarDate): string {
  return `${date.day} ${MONTHS[date.month - 1] ?? '?'}`;
}

/** "12 Apr 1980" from "1980-04-12" (a calendar date: no time zone involved). */
export function formatDate(isoDate: string): string {
  const date = parseIsoDate(isoDate);
  return date ? `${dayMonth(date)} ${date.year}` : isoDate;
}

const zonedFormatters = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour and minute of an instant on the clinic's wall clock. */
export function zonedParts(instant: string, timeZone: string): CalendarDate & { hour: number; minute: number } {
  let formatter = zonedFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    zonedFormatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year ?? 0, month: fields.month ?? 1, day: fields.day ?? 1, hour: fields.hour ?? 0, minute: fields.minute ?? 0 };
}

/** "3 Mar 2025, 09:30" on the clinic's wall clock. */
export function formatDateTime(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${dayMonth(p)} ${p.year}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "3 Mar and 9 Mar 2025", or with both years when they differ. */
function formatDateSpan(from: CalendarDate, to: CalendarDate): string {
  if (from.year === to.year) return `${dayMonth(from)} and ${dayMonth(to)} ${to.year}`;
  return `${dayMonth(from)} ${from.year} and ${dayMonth(to)} ${to.year}`;
}

/** The sentence shown when a chart has no entries in the chosen range. */
export function describeEmptyRange(from: string, to: string): string {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (start && end) return `No chart entries between ${formatDateSpan(start, end)}`;
  if (start) return `No chart entries on or after ${formatDate(from)}`;
  if (end) return `No chart entries on or before ${formatDate(to)}`;
  return 'No chart entries yet';
}

/** "1 entry", "12 entries". */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  'front-desk': 'Front desk',
  practitioner: 'Practitioner',
  'practitioner-limited': 'Practitioner (limited)',
  'no-access': 'No access',
  'api-key': 'API key',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

const PLAN_STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function planStatusLabel(status: string): string {
  return PLAN_STATUS_LABELS[status] ?? status;
}

/** "Dr Ana Ruiz, PT" style: a name followed by credentials when there are any. */
export function withCredentials(person: { name: string; credentials: string | null }): string {
  return person.credentials ? `${person.name}, ${person.credentials}` : person.name;
}

/** The patient's chart number: the identifier a clinic files charts under, else the first one. */
export function chartNumber(identifiers: readonly { system: string; value: string }[]): string | null {
  const chart = identifiers.find((i) => /chart|mrn/i.test(i.system)) ?? identifiers[0];
  return chart?.value ?? null;
}
