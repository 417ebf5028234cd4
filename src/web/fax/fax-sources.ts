/**
 * What staff fax, in words they recognise: "SOAP Note, 3 Mar 2025", "4 chart entries, 3–9 Mar 2025",
 * "Treatment plan: Lumbar strain rehabilitation". Dates are the clinic's calendar days.
 */
import type { ChartEntry } from '../api/types';
import { countLabel, formatDate, zonedParts } from '../format';
import type { FaxSourceChoice } from './fax-types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function isoDay(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "3–9 Mar 2025", "28 Feb – 9 Mar 2025", "28 Dec 2024 – 9 Jan 2025", or one day. */
export function formatDayRange(from: string, to: string): string {
  if (from === to) return formatDate(from);
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fy === ty && fm === tm) return `${fd}–${td} ${MONTHS[tm - 1]} ${ty}`;
  if (fy === ty) return `${fd} ${MONTHS[fm - 1]} – ${td} ${MONTHS[tm - 1]} ${ty}`;
  return `${formatDate(from)} – ${formatDate(to)}`;
}

export function chartEntrySource(entry: ChartEntry, timeZone: string): FaxSourceChoice {
  return {
    body: { type: 'chart-entry', chartEntryId: entry.id },
    label: `${entry.templateName}, ${formatDate(isoDay(entry.occurredAt, timeZone))}`,
    entryCount: 1,
  };
}

export function chartRangeSource(patientId: string, from: string, to: string, entryCount: number): FaxSourceChoice {
  return {
    body: { type: 'chart-range', patientId, from, to },
    label: `${countLabel(entryCount, 'chart entry', 'chart entries')}, ${formatDayRange(from, to)}`,
    entryCount,
  };
}

export function treatmentPlanSource(plan: { id: string; title: string }, entryCount: number): FaxSourceChoice {
  return { body: { type: 'treatment-plan', treatmentPlanId: plan.id }, label: `Treatment plan: ${plan.title}`, entryCount };
}
