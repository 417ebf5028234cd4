/**
 * What a fax contains, resolved from the request: one chart entry, a patient's entries in a date
 * range, or a treatment plan with its entries. Access follows the chart: whoever cannot read the
 * chart cannot fax it, and another clinic's ids are simply not found.
 */
import { dateInZone, formatDayForPeople, isValidIsoDate, zonedDayRange } from '../core/dates';
import { FaxError } from '../core/errors';
import type { DocumentChartEntry, DocumentPlanSummary } from '../core/fax-document';
import { MAX_CHART_ENTRIES_PER_FAX } from '../core/render-limits';
import { findChartEntries, findChartEntry, findPlanChartEntries, type ChartEntryWithAuthor } from '../db/repositories/chart-entries';
import { findPatient } from '../db/repositories/patients';
import { findTreatmentPlan } from '../db/repositories/treatment-plans';
import type { Clinic, Patient } from '../db/schema';
import type { Executor } from './service-deps';

export type FaxSourceInput =
  | { type: 'chart-entry'; chartEntryId: string }
  | { type: 'chart-range'; patientId: string; from: string; to: string }
  | { type: 'treatment-plan'; treatmentPlanId: string };

export interface ResolvedSource {
  patient: Patient;
  entries: DocumentChartEntry[];
  entryIds: string[];
  planSummary: DocumentPlanSummary | null;
  /** For the disclosure record and chart history: what was sent, without clinical text. */
  description: string;
}

function toDocumentEntry(e: ChartEntryWithAuthor): DocumentChartEntry {
  return {
    templateName: e.template_name,
    occurredAt: e.occurred_at.toISOString(),
    authorName: `${e.author_first_name} ${e.author_last_name}`,
    authorCredentials: e.author_credentials,
    signed: e.signed,
    sections: e.sections,
  };
}

function describeEntries(entries: ChartEntryWithAuthor[], timeZone: string): string {
  if (entries.length === 0) return 'no chart entries';
  const first = formatDayForPeople(dateInZone(entries[0]!.occurred_at, timeZone));
  const last = formatDayForPeople(dateInZone(entries[entries.length - 1]!.occurred_at, timeZone));
  const templates = [...new Set(entries.map((e) => e.template_name))].join(', ');
  if (entries.length === 1) return `1 chart entry (${templates}, ${first})`;
  return `${entries.length} chart entries (${first === last ? first : `${first} – ${last}`}; ${templates})`;
}

const notFound = (what: string) =>
  new FaxError('not-found', `No ${what} with this id in your clinic.`, { fields: { source: `No ${what} with this id in your clinic.` } });

export async function resolveFaxSource(
  db: Executor,
  clinic: Clinic,
  treatedBy: string | null,
  source: FaxSourceInput,
): Promise<ResolvedSource> {
  const patientOrThrow = async (patientId: string, what: string) => {
    const patient = await findPatient(db, clinic.id, patientId, treatedBy);
    if (!patient) throw notFound(what);
    return patient;
  };
  switch (source.type) {
    case 'chart-entry': {
      const entry = await findChartEntry(db, clinic.id, source.chartEntryId);
      if (!entry) throw notFound('chart entry');
      const patient = await patientOrThrow(entry.patient_id, 'chart entry');
      return {
        patient,
        entries: [toDocumentEntry(entry)],
        entryIds: [entry.id],
        planSummary: null,
        description: describeEntries([entry], clinic.time_zone),
      };
    }
    case 'chart-range': {
      const fields: Record<string, string> = {};
      if (!isValidIsoDate(source.from)) fields['source.from'] = `"${source.from}" is not a real date; use YYYY-MM-DD.`;
      if (!isValidIsoDate(source.to)) fields['source.to'] = `"${source.to}" is not a real date; use YYYY-MM-DD.`;
      if (Object.keys(fields).length === 0 && source.from > source.to)
        fields['source.from'] = `The start date (${source.from}) is after the end date (${source.to}).`;
      if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'The date range is not valid.', { fields });
      const patient = await patientOrThrow(source.patientId, 'patient');
      const { start, end } = zonedDayRange(source.from, source.to, clinic.time_zone);
      const entries = await findChartEntries(db, {
        clinicId: clinic.id,
        patientId: patient.id,
        start,
        end,
        order: 'oldest',
        limit: MAX_CHART_ENTRIES_PER_FAX + 1,
      });
      if (entries.length === 0) {
        throw new FaxError(
          'empty-document',
          `No chart entries between ${formatDayForPeople(source.from)} and ${formatDayForPeople(source.to)}. Choose another date range.`,
          {
            fields: { 'source.from': 'No chart entries in this range.' },
          },
        );
      }
      return {
        patient,
        entries: entries.map(toDocumentEntry),
        entryIds: entries.map((e) => e.id),
        planSummary: null,
        description: describeEntries(entries, clinic.time_zone),
      };
    }
    case 'treatment-plan': {
      const plan = await findTreatmentPlan(db, clinic.id, source.treatmentPlanId);
      if (!plan) throw notFound('treatment plan');
      const patient = await patientOrThrow(plan.patient_id, 'treatment plan');
      const entries = await findPlanChartEntries(db, clinic.id, plan.id);
      return {
        patient,
        entries: entries.map(toDocumentEntry),
        entryIds: entries.map((e) => e.id),
        planSummary: {
          title: plan.title,
          condition: plan.condition,
          goals: plan.goals,
          startDate: plan.start_date,
          endDate: plan.end_date,
          status: plan.status,
          practitionerName: [`${plan.practitioner_first_name} ${plan.practitioner_last_name}`, plan.practitioner_credentials]
            .filter(Boolean)
            .join(', '),
        },
        description: `treatment plan "${plan.title}" with ${describeEntries(entries, clinic.time_zone)}`,
      };
    }
  }
}
