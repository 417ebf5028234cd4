/**
 * Fax usage rules (pure). Chartfax follows the convention clinics know from hosted fax bundled with
 * practice software: the allowance is a number of pages per calendar month in the clinic's time zone,
 * and only pages that reached the recipient count — cover pages included, failed or cancelled faxes
 * not at all, a partial delivery only for the pages that went through. A resend is a new fax and
 * counts again when delivered; automatic retries inside one fax do not count twice.
 */
import { dateInZone } from './dates';

export type FinalFaxStatus = 'delivered' | 'partially-delivered' | 'failed' | 'cancelled' | 'expired';

/** Allowance notices are sent when a month's use first reaches these shares of the allowance. */
export const ALLOWANCE_THRESHOLDS_PERCENT = [80, 100] as const;
export type AllowanceThreshold = (typeof ALLOWANCE_THRESHOLDS_PERCENT)[number];

/** Months the usage page looks back over (the requested month included). */
export const USAGE_HISTORY_MONTHS = 12;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Pages a finished fax counts against the allowance. */
export function billablePages(status: FinalFaxStatus, pagesDelivered: number): number {
  if (status !== 'delivered' && status !== 'partially-delivered') return 0;
  return Math.max(0, Math.floor(pagesDelivered));
}

/** True for a month written YYYY-MM between 1800 and 2200. */
export function isValidMonth(month: string): boolean {
  const match = MONTH.exec(month);
  return match !== null && Number(match[1]) >= 1800 && Number(match[1]) <= 2200;
}

/** The usage month ('2026-11') and day ('2026-11-30') of an instant in the clinic's zone. */
export function usagePeriodOf(instant: Date, timeZone: string): { month: string; day: string } {
  const day = dateInZone(instant, timeZone);
  return { month: day.slice(0, 7), day };
}

/** Every day of a month, 'YYYY-MM-DD', in order. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Add whole months to 'YYYY-MM'. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}

export interface AllowanceSummary {
  allowance: number;
  pagesUsed: number;
  pagesRemaining: number;
  overagePages: number;
  overageCents: number;
  /** Whole percent of the allowance used (may pass 100); 0 with no allowance and no pages. */
  percentUsed: number;
}

export function summarizeAllowance(allowance: number, pagesUsed: number, overageCentsPerPage: number): AllowanceSummary {
  const overagePages = Math.max(0, pagesUsed - allowance);
  let percentUsed: number;
  if (allowance > 0) percentUsed = Math.floor((pagesUsed * 100) / allowance);
  else percentUsed = pagesUsed > 0 ? 100 : 0;
  return {
    allowance,
    pagesUsed,
    pagesRemaining: Math.max(0, allowance - pagesUsed),
    overagePages,
    overageCents: overagePages * overageCentsPerPage,
    percentUsed,
  };
}

/**
 * The highest threshold a month's use has reached, or null. Notices are deduplicated per month and
 * threshold, so asking after every fax tells admins once when use first reaches 80% and once at 100%;
 * a fax that jumps straight past 100% sends only the 100% notice. A clinic without an allowance
 * (0 pages, everything billed per page) gets no notices.
 */
export function allowanceThresholdReached(allowance: number, pagesUsed: number): AllowanceThreshold | null {
  if (allowance <= 0) return null;
  let reached: AllowanceThreshold | null = null;
  for (const threshold of ALLOWANCE_THRESHOLDS_PERCENT) {
    if (pagesUsed * 100 >= allowance * threshold) reached = threshold;
  }
  return reached;
}

/** "November 2026" */
export function formatMonthForPeople(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** "$0.08" */
export function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/**
 * The in-app / e-mail notice for a threshold. Only counts and the month: allowance notices never hold
 * patient data, so they are safe to e-mail.
 */
export function allowanceNotice(
  threshold: AllowanceThreshold,
  summary: AllowanceSummary,
  month: string,
  overageCentsPerPage: number,
): { kind: string; dedupeKey: string; title: string; body: string } {
  const monthName = formatMonthForPeople(month);
  const used = `The clinic has used ${summary.pagesUsed} of its ${summary.allowance} fax pages for ${monthName}.`;
  const billing = `Pages over the allowance cost ${formatCents(overageCentsPerPage)} each.`;
  const where = 'Owners and admins can see who sent what under Usage, and change the allowance in Settings → Fax settings.';
  if (threshold === 100) {
    return {
      kind: 'allowance-100',
      dedupeKey: `allowance-100:${month}`,
      title: `Fax allowance used up for ${monthName}`,
      body: `${used} Faxing continues; ${billing} ${where}`,
    };
  }
  return {
    kind: 'allowance-80',
    dedupeKey: `allowance-80:${month}`,
    title: `80% of the fax allowance used for ${monthName}`,
    body: `${used} ${summary.pagesRemaining} pages are left this month. ${billing} ${where}`,
  };
}
