/** The usage page: pages used this month against the allowance, by day, sender and location. */
import { FaxError } from '../core/errors';
import { daysOfMonth, isValidMonth, monthsEndingWith, summarizeAllowance, usagePeriodOf, USAGE_HISTORY_MONTHS } from '../core/usage';
import { findClinic } from '../db/repositories/clinics';
import { ensureFaxSettings } from '../db/repositories/fax-settings';
import { sumMonthPages, sumPagesByDay, sumPagesByLocation, sumPagesByMonth, sumPagesByStaff } from '../db/repositories/usage';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export type UsageDeps = ServiceDeps;

/** Pages sent through the API by host systems have no staff sender. */
export const HOST_SYSTEM_SENDER = 'Host systems (API)';
export const NO_LOCATION = 'No location';

export async function getUsage(deps: UsageDeps, principal: Principal, params: { month?: string }) {
  requirePermission(principal, 'usage:read');
  const clinic = await findClinic(deps.db, principal.clinicId);
  if (!clinic) throw new FaxError('not-found', 'Your clinic no longer exists.');
  const month = params.month ?? usagePeriodOf(deps.clock.now(), clinic.time_zone).month;
  if (!isValidMonth(month)) {
    throw new FaxError('validation-failed', 'The month is not valid.', {
      fields: { month: `"${month}" is not a month; use YYYY-MM, for example 2025-03.` },
    });
  }
  const settings = await ensureFaxSettings(deps.db, clinic.id);
  const history = monthsEndingWith(month, USAGE_HISTORY_MONTHS);
  const [pagesUsed, byDay, byStaff, byLocation, byMonth] = await Promise.all([
    sumMonthPages(deps.db, clinic.id, month),
    sumPagesByDay(deps.db, clinic.id, month),
    sumPagesByStaff(deps.db, clinic.id, month),
    sumPagesByLocation(deps.db, clinic.id, month),
    sumPagesByMonth(deps.db, clinic.id, history),
  ]);
  const dayPages = new Map(byDay.map((d) => [d.day, d.pages]));
  return {
    month,
    timeZone: clinic.time_zone,
    ...summarizeAllowance(settings.monthly_page_allowance, pagesUsed, settings.overage_cents_per_page),
    overageCentsPerPage: settings.overage_cents_per_page,
    byDay: daysOfMonth(month).map((date) => ({ date, pages: dayPages.get(date) ?? 0 })),
    byStaff: byStaff.map((s) => ({
      staffId: s.staffId,
      name: s.staffId === null ? HOST_SYSTEM_SENDER : [s.firstName, s.lastName].filter(Boolean).join(' ') || 'Former staff member',
      pages: s.pages,
    })),
    byLocation: byLocation.map((l) => ({
      locationId: l.locationId,
      name: l.locationId === null ? NO_LOCATION : (l.name ?? 'Former location'),
      pages: l.pages,
    })),
    months: history.map((m) => ({ month: m, pages: byMonth.get(m) ?? 0 })),
  };
}
