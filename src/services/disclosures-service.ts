/**
 * The accounting of disclosures (45 CFR 164.528): every fax that reached a recipient, with date,
 * recipient, what was sent, purpose and sender. Read-only: the table is append-only in the database.
 */
import { zonedDayRange } from '../core/dates';
import { writeCsv } from '../core/csv';
import { PURPOSE_LABELS } from '../core/disclosure-text';
import { FaxError } from '../core/errors';
import { displayFaxNumber } from '../core/phone-numbers';
import { findClinic } from '../db/repositories/clinics';
import { findDisclosures } from '../db/repositories/disclosures';
import { requirePermission } from './authorize';
import { checkDateRange } from './clinical-records-service';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export type DisclosuresDeps = ServiceDeps;

/** Rows one request returns at most (six years of a busy clinic fits; narrow the range beyond that). */
export const MAX_DISCLOSURE_ROWS = 50_000;

export const DISCLOSURE_CSV_COLUMNS = [
  'Date and time',
  'Patient',
  'Date of birth',
  'Recipient',
  'Fax number',
  'Description',
  'Purpose',
  'Sender',
  'Pages',
  'Outcome',
] as const;

function formatDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

export async function listDisclosures(
  deps: DisclosuresDeps,
  principal: Principal,
  params: { patientId?: string; from?: string; to?: string },
) {
  requirePermission(principal, 'disclosures:read');
  const fields = checkDateRange(params.from, params.to);
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'The date range is not valid.', { fields });
  const clinic = await findClinic(deps.db, principal.clinicId);
  if (!clinic) throw new FaxError('not-found', 'Your clinic no longer exists.');
  const rows = await findDisclosures(deps.db, {
    clinicId: clinic.id,
    patientId: params.patientId,
    start: params.from ? zonedDayRange(params.from, params.from, clinic.time_zone).start : undefined,
    end: params.to ? zonedDayRange(params.to, params.to, clinic.time_zone).end : undefined,
    limit: MAX_DISCLOSURE_ROWS,
  });
  return {
    timeZone: clinic.time_zone,
    disclosures: rows.map((d) => ({
      id: d.id,
      faxId: d.fax_id,
      disclosedAt: d.disclosed_at.toISOString(),
      disclosedAtLocal: formatDateTime(d.disclosed_at, clinic.time_zone),
      patient: { id: d.patient_id, name: `${d.patient_first_name} ${d.patient_last_name}`, dateOfBirth: d.patient_date_of_birth },
      recipientName: d.recipient_name,
      recipientFaxNumber: d.recipient_fax_number,
      description: d.description,
      purpose: d.purpose,
      purposeLabel: PURPOSE_LABELS[d.purpose] ?? d.purpose,
      senderName: d.sender_name,
      pages: d.pages,
      outcome: d.outcome,
      retainUntil: d.retain_until,
    })),
  };
}

/** The same list as CSV, dates and times in the clinic's zone. */
export async function exportDisclosuresCsv(
  deps: DisclosuresDeps,
  principal: Principal,
  params: { patientId?: string; from?: string; to?: string },
): Promise<string> {
  const { disclosures } = await listDisclosures(deps, principal, params);
  return writeCsv([
    [...DISCLOSURE_CSV_COLUMNS],
    ...disclosures.map((d) => [
      d.disclosedAtLocal,
      d.patient.name,
      d.patient.dateOfBirth,
      d.recipientName,
      displayFaxNumber(d.recipientFaxNumber),
      d.description,
      d.purposeLabel,
      d.senderName,
      d.pages,
      d.outcome,
    ]),
  ]);
}
