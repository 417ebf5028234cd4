import type { Clock } from '../core/clock';
import { isValidIsoDate, zonedDayRange } from '../core/dates';
import { FaxError, type FieldErrors } from '../core/errors';
import type { Executor } from '../db/connection';
import { findClinic } from '../db/repositories/clinics';
import {
  countChartEntries,
  findChartEntries,
  findChartEntry,
  findPlanChartEntries,
  insertChartEntry,
  updateChartEntry,
  type ChartEntryWithAuthor,
} from '../db/repositories/chart-entries';
import { findPatient, insertPatient, searchPatients, setPatientPractitioners, updatePatient } from '../db/repositories/patients';
import { findStaff, findStaffList } from '../db/repositories/staff';
import { findPatientHistory } from '../db/repositories/patient-history';
import {
  findPatientTreatmentPlans,
  findTreatmentPlan,
  insertTreatmentPlan,
  updateTreatmentPlan,
  type TreatmentPlanWithPractitioner,
} from '../db/repositories/treatment-plans';
import type { ChartSection, Patient, PatientIdentifier, TreatmentPlanStatus } from '../db/schema';
import { requirePermission } from './authorize';
import type { Principal } from './principal';

export interface RecordsDeps {
  db: Executor;
  clock: Clock;
}

/** Chart entries returned by one list call at most. */
export const MAX_CHART_ENTRIES_PER_PAGE = 500;

export function toPatientDto(p: Patient) {
  return {
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    email: p.email,
    phone: p.phone,
    address: { line1: p.address_line1, city: p.city, region: p.region, postalCode: p.postal_code },
    identifiers: p.identifiers,
    locationId: p.location_id,
    updatedAt: p.updated_at.toISOString(),
  };
}

export function toChartEntryDto(e: ChartEntryWithAuthor) {
  return {
    id: e.id,
    patientId: e.patient_id,
    occurredAt: e.occurred_at.toISOString(),
    templateName: e.template_name,
    author: { id: e.author_id, name: `${e.author_first_name} ${e.author_last_name}`, credentials: e.author_credentials },
    sections: e.sections,
    signed: e.signed,
    treatmentPlanId: e.treatment_plan_id,
  };
}

export function toTreatmentPlanDto(p: TreatmentPlanWithPractitioner) {
  return {
    id: p.id,
    patientId: p.patient_id,
    title: p.title,
    condition: p.condition,
    goals: p.goals,
    startDate: p.start_date,
    endDate: p.end_date,
    status: p.status,
    practitioner: {
      id: p.practitioner_id,
      name: `${p.practitioner_first_name} ${p.practitioner_last_name}`,
      credentials: p.practitioner_credentials,
    },
    entryCount: p.entry_count,
  };
}

const notFound = (what: string) => new FaxError('not-found', `No ${what} with this id in your clinic.`);

async function getPatientOrThrow(deps: RecordsDeps, principal: Principal, patientId: string, treatedBy: string | null) {
  const patient = await findPatient(deps.db, principal.clinicId, patientId, treatedBy);
  if (!patient) throw notFound('patient');
  return patient;
}

export async function listPatients(deps: RecordsDeps, principal: Principal, params: { query: string; limit: number; offset: number }) {
  const { treatedBy } = requirePermission(principal, 'patients:read');
  const { rows, total } = await searchPatients(deps.db, { clinicId: principal.clinicId, treatedBy, ...params });
  return { patients: rows.map(toPatientDto), total };
}

export async function getPatient(deps: RecordsDeps, principal: Principal, patientId: string) {
  const { treatedBy } = requirePermission(principal, 'patients:read');
  return toPatientDto(await getPatientOrThrow(deps, principal, patientId, treatedBy));
}

/** Validate an inclusive date range; both ends optional. */
export function checkDateRange(from: string | undefined, to: string | undefined): FieldErrors {
  const fields: FieldErrors = {};
  if (from !== undefined && !isValidIsoDate(from)) fields.from = `"${from}" is not a real date; use YYYY-MM-DD.`;
  if (to !== undefined && !isValidIsoDate(to)) fields.to = `"${to}" is not a real date; use YYYY-MM-DD.`;
  if (!fields.from && !fields.to && from && to && from > to) fields.from = `The start date (${from}) is after the end date (${to}).`;
  return fields;
}

export async function listChartEntries(
  deps: RecordsDeps,
  principal: Principal,
  params: { patientId: string; from?: string; to?: string; limit: number; offset: number },
) {
  const { treatedBy } = requirePermission(principal, 'charts:read');
  const fields = checkDateRange(params.from, params.to);
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'The date range is not valid.', { fields });
  await getPatientOrThrow(deps, principal, params.patientId, treatedBy);
  const clinic = await findClinic(deps.db, principal.clinicId);
  if (!clinic) throw notFound('clinic');
  const start = params.from ? zonedDayRange(params.from, params.from, clinic.time_zone).start : undefined;
  const end = params.to ? zonedDayRange(params.to, params.to, clinic.time_zone).end : undefined;
  const base = { clinicId: principal.clinicId, patientId: params.patientId, start, end };
  const [entries, total] = await Promise.all([
    findChartEntries(deps.db, { ...base, order: 'newest', limit: params.limit, offset: params.offset }),
    countChartEntries(deps.db, base),
  ]);
  return { chartEntries: entries.map(toChartEntryDto), total, timeZone: clinic.time_zone };
}

/** The chart's own history lines (each fax of this patient's records adds one), newest first. */
export async function listPatientHistory(deps: RecordsDeps, principal: Principal, patientId: string, limit: number) {
  const { treatedBy } = requirePermission(principal, 'charts:read');
  await getPatientOrThrow(deps, principal, patientId, treatedBy);
  const rows = await findPatientHistory(deps.db, principal.clinicId, patientId, limit);
  return { history: rows.map((r) => ({ id: r.id, occurredAt: r.occurred_at.toISOString(), text: r.text, faxId: r.fax_id })) };
}

export async function getChartEntry(deps: RecordsDeps, principal: Principal, entryId: string) {
  const { treatedBy } = requirePermission(principal, 'charts:read');
  const entry = await findChartEntry(deps.db, principal.clinicId, entryId);
  if (!entry) throw notFound('chart entry');
  await getPatientOrThrow(deps, principal, entry.patient_id, treatedBy).catch(() => {
    throw notFound('chart entry');
  });
  return toChartEntryDto(entry);
}

export async function listTreatmentPlans(deps: RecordsDeps, principal: Principal, patientId: string) {
  const { treatedBy } = requirePermission(principal, 'charts:read');
  await getPatientOrThrow(deps, principal, patientId, treatedBy);
  const plans = await findPatientTreatmentPlans(deps.db, principal.clinicId, patientId);
  return { treatmentPlans: plans.map(toTreatmentPlanDto) };
}

export async function getTreatmentPlan(deps: RecordsDeps, principal: Principal, planId: string) {
  const { treatedBy } = requirePermission(principal, 'charts:read');
  const plan = await findTreatmentPlan(deps.db, principal.clinicId, planId);
  if (!plan) throw notFound('treatment plan');
  await getPatientOrThrow(deps, principal, plan.patient_id, treatedBy).catch(() => {
    throw notFound('treatment plan');
  });
  const entries = await findPlanChartEntries(deps.db, principal.clinicId, planId);
  return { ...toTreatmentPlanDto(plan), chartEntries: entries.map(toChartEntryDto) };
}

/**
 * The clinic's staff directory for filters and pickers: names, roles and titles only (no e-mail
 * addresses), sorted by last name; staff who cannot sign in ('no-access') are left out. Names are
 * readable by anyone who may read patients, limited practitioners included.
 */
export async function listStaffDirectory(deps: RecordsDeps, principal: Principal) {
  requirePermission(principal, 'patients:read');
  const staff = await findStaffList(deps.db, principal.clinicId);
  return {
    staff: staff
      .filter((s) => s.role !== 'no-access')
      .map((s) => ({ id: s.id, name: `${s.first_name} ${s.last_name}`, role: s.role, practitionerTitle: s.practitioner_title })),
  };
}

// ---- writes from host systems -------------------------------------------------------------------

export interface PatientInput {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  email?: string | null;
  phone?: string | null;
  address?: { line1?: string | null; city?: string | null; region?: string | null; postalCode?: string | null };
  identifiers?: PatientIdentifier[];
  practitionerIds?: string[];
}

function failIfAny(fields: FieldErrors, message = 'Some fields are not valid. Correct them and try again.') {
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', message, { fields });
}

async function checkStaffIds(deps: RecordsDeps, clinicId: string, ids: string[], field: string, fields: FieldErrors) {
  for (const [i, id] of ids.entries()) {
    const staff = await findStaff(deps.db, clinicId, id);
    if (!staff) fields[`${field}.${i}`] = 'No staff member with this id in your clinic.';
  }
}

function checkPatientFields(input: PatientInput, today: string, fields: FieldErrors) {
  if (input.firstName !== undefined && input.firstName.trim() === '') fields.firstName = 'Enter the first name.';
  if (input.lastName !== undefined && input.lastName.trim() === '') fields.lastName = 'Enter the last name.';
  if (input.dateOfBirth !== undefined) {
    if (!isValidIsoDate(input.dateOfBirth)) fields.dateOfBirth = `"${input.dateOfBirth}" is not a real date; use YYYY-MM-DD.`;
    else if (input.dateOfBirth > today) fields.dateOfBirth = 'The date of birth is in the future.';
  }
}

export async function createPatient(deps: RecordsDeps, principal: Principal, input: PatientInput) {
  requirePermission(principal, 'patients:write');
  const fields: FieldErrors = {};
  if (input.firstName === undefined) fields.firstName = 'Enter the first name.';
  if (input.lastName === undefined) fields.lastName = 'Enter the last name.';
  if (input.dateOfBirth === undefined) fields.dateOfBirth = 'Enter the date of birth (YYYY-MM-DD).';
  checkPatientFields(input, deps.clock.now().toISOString().slice(0, 10), fields);
  await checkStaffIds(deps, principal.clinicId, input.practitionerIds ?? [], 'practitionerIds', fields);
  failIfAny(fields);
  const patient = await insertPatient(deps.db, {
    clinic_id: principal.clinicId,
    first_name: input.firstName!.trim(),
    last_name: input.lastName!.trim(),
    date_of_birth: input.dateOfBirth!,
    sex: input.sex ?? 'unknown',
    email: input.email ?? null,
    phone: input.phone ?? null,
    address_line1: input.address?.line1 ?? null,
    city: input.address?.city ?? null,
    region: input.address?.region ?? null,
    postal_code: input.address?.postalCode ?? null,
    identifiers: JSON.stringify(input.identifiers ?? []),
    location_id: null,
  });
  if (input.practitionerIds) await setPatientPractitioners(deps.db, principal.clinicId, patient.id, input.practitionerIds);
  return toPatientDto(patient);
}

export async function changePatient(deps: RecordsDeps, principal: Principal, patientId: string, input: PatientInput) {
  requirePermission(principal, 'patients:write');
  await getPatientOrThrow(deps, principal, patientId, null);
  const fields: FieldErrors = {};
  checkPatientFields(input, deps.clock.now().toISOString().slice(0, 10), fields);
  await checkStaffIds(deps, principal.clinicId, input.practitionerIds ?? [], 'practitionerIds', fields);
  failIfAny(fields);
  const patient = await updatePatient(deps.db, principal.clinicId, patientId, {
    ...(input.firstName !== undefined && { first_name: input.firstName.trim() }),
    ...(input.lastName !== undefined && { last_name: input.lastName.trim() }),
    ...(input.dateOfBirth !== undefined && { date_of_birth: input.dateOfBirth }),
    ...(input.sex !== undefined && { sex: input.sex }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.address?.line1 !== undefined && { address_line1: input.address.line1 }),
    ...(input.address?.city !== undefined && { city: input.address.city }),
    ...(input.address?.region !== undefined && { region: input.address.region }),
    ...(input.address?.postalCode !== undefined && { postal_code: input.address.postalCode }),
    ...(input.identifiers !== undefined && { identifiers: JSON.stringify(input.identifiers) }),
  });
  if (!patient) throw notFound('patient');
  if (input.practitionerIds) await setPatientPractitioners(deps.db, principal.clinicId, patientId, input.practitionerIds);
  return toPatientDto(patient);
}

export interface ChartEntryInput {
  patientId?: string;
  authorId?: string;
  occurredAt?: string;
  templateName?: string;
  sections?: ChartSection[];
  signed?: boolean;
  treatmentPlanId?: string | null;
}

async function checkEntryFields(deps: RecordsDeps, principal: Principal, patientId: string, input: ChartEntryInput, fields: FieldErrors) {
  if (input.occurredAt !== undefined && Number.isNaN(Date.parse(input.occurredAt))) {
    fields.occurredAt = `"${input.occurredAt}" is not a date and time; use ISO 8601 such as 2025-03-04T10:30:00-08:00.`;
  }
  if (input.templateName !== undefined && input.templateName.trim() === '')
    fields.templateName = 'Enter the template name, such as "SOAP Note".';
  if (input.sections !== undefined && input.sections.length === 0) fields.sections = 'A chart entry needs at least one section.';
  if (input.authorId !== undefined) {
    const author = await findStaff(deps.db, principal.clinicId, input.authorId);
    if (!author) fields.authorId = 'No staff member with this id in your clinic.';
  }
  if (input.treatmentPlanId) {
    const plan = await findTreatmentPlan(deps.db, principal.clinicId, input.treatmentPlanId);
    if (!plan) fields.treatmentPlanId = 'No treatment plan with this id in your clinic.';
    else if (plan.patient_id !== patientId) fields.treatmentPlanId = 'This treatment plan belongs to another patient.';
  }
}

export async function createChartEntry(deps: RecordsDeps, principal: Principal, input: ChartEntryInput) {
  const { treatedBy } = requirePermission(principal, 'charts:write');
  const fields: FieldErrors = {};
  if (!input.patientId) fields.patientId = 'Choose the patient.';
  if (!input.occurredAt) fields.occurredAt = 'Enter when the visit happened (ISO 8601).';
  if (!input.templateName) fields.templateName = 'Enter the template name, such as "SOAP Note".';
  if (!input.sections) fields.sections = 'A chart entry needs at least one section.';
  const authorId = input.authorId ?? principal.staffId;
  if (!authorId) fields.authorId = 'Name the author (a staff id): API keys write on behalf of a practitioner.';
  failIfAny(fields);
  await getPatientOrThrow(deps, principal, input.patientId!, treatedBy);
  await checkEntryFields(deps, principal, input.patientId!, { ...input, authorId: authorId! }, fields);
  failIfAny(fields);
  const row = await insertChartEntry(deps.db, {
    clinic_id: principal.clinicId,
    patient_id: input.patientId!,
    author_id: authorId!,
    occurred_at: new Date(input.occurredAt!),
    template_name: input.templateName!.trim(),
    sections: JSON.stringify(input.sections),
    signed: input.signed ?? false,
    treatment_plan_id: input.treatmentPlanId ?? null,
  });
  return getChartEntry(deps, principal, row.id);
}

export async function changeChartEntry(deps: RecordsDeps, principal: Principal, entryId: string, input: ChartEntryInput) {
  const { treatedBy } = requirePermission(principal, 'charts:write');
  const existing = await findChartEntry(deps.db, principal.clinicId, entryId);
  if (!existing) throw notFound('chart entry');
  await getPatientOrThrow(deps, principal, existing.patient_id, treatedBy).catch(() => {
    throw notFound('chart entry');
  });
  if (existing.signed && input.sections !== undefined) {
    throw new FaxError('conflict', 'This chart entry is signed; its text cannot change. Add a new entry (an addendum) instead.');
  }
  const fields: FieldErrors = {};
  await checkEntryFields(deps, principal, existing.patient_id, input, fields);
  failIfAny(fields);
  await updateChartEntry(deps.db, principal.clinicId, entryId, {
    ...(input.occurredAt !== undefined && { occurred_at: new Date(input.occurredAt) }),
    ...(input.templateName !== undefined && { template_name: input.templateName.trim() }),
    ...(input.sections !== undefined && { sections: JSON.stringify(input.sections) }),
    ...(input.signed !== undefined && { signed: input.signed }),
    ...(input.authorId !== undefined && { author_id: input.authorId }),
    ...(input.treatmentPlanId !== undefined && { treatment_plan_id: input.treatmentPlanId }),
  });
  return getChartEntry(deps, principal, entryId);
}

export interface TreatmentPlanInput {
  patientId?: string;
  practitionerId?: string;
  title?: string;
  condition?: string;
  goals?: string[];
  startDate?: string;
  endDate?: string | null;
  status?: TreatmentPlanStatus;
}

function checkPlanFields(input: TreatmentPlanInput, fields: FieldErrors) {
  if (input.title !== undefined && input.title.trim() === '') fields.title = 'Enter the plan title.';
  if (input.startDate !== undefined && !isValidIsoDate(input.startDate))
    fields.startDate = `"${input.startDate}" is not a real date; use YYYY-MM-DD.`;
  if (input.endDate && !isValidIsoDate(input.endDate)) fields.endDate = `"${input.endDate}" is not a real date; use YYYY-MM-DD.`;
}

export async function createTreatmentPlan(deps: RecordsDeps, principal: Principal, input: TreatmentPlanInput) {
  const { treatedBy } = requirePermission(principal, 'charts:write');
  const fields: FieldErrors = {};
  if (!input.patientId) fields.patientId = 'Choose the patient.';
  if (!input.title) fields.title = 'Enter the plan title.';
  if (!input.startDate) fields.startDate = 'Enter the start date (YYYY-MM-DD).';
  const practitionerId = input.practitionerId ?? principal.staffId;
  if (!practitionerId) fields.practitionerId = 'Name the practitioner (a staff id).';
  checkPlanFields(input, fields);
  failIfAny(fields);
  if (input.endDate && input.endDate < input.startDate!) fields.endDate = 'The end date is before the start date.';
  if (!(await findStaff(deps.db, principal.clinicId, practitionerId!)))
    fields.practitionerId = 'No staff member with this id in your clinic.';
  failIfAny(fields);
  await getPatientOrThrow(deps, principal, input.patientId!, treatedBy);
  const row = await insertTreatmentPlan(deps.db, {
    clinic_id: principal.clinicId,
    patient_id: input.patientId!,
    practitioner_id: practitionerId!,
    title: input.title!.trim(),
    condition: input.condition ?? '',
    goals: JSON.stringify(input.goals ?? []),
    start_date: input.startDate!,
    end_date: input.endDate ?? null,
    status: input.status ?? 'active',
  });
  return getTreatmentPlan(deps, principal, row.id);
}

export async function changeTreatmentPlan(deps: RecordsDeps, principal: Principal, planId: string, input: TreatmentPlanInput) {
  const { treatedBy } = requirePermission(principal, 'charts:write');
  const existing = await findTreatmentPlan(deps.db, principal.clinicId, planId);
  if (!existing) throw notFound('treatment plan');
  await getPatientOrThrow(deps, principal, existing.patient_id, treatedBy).catch(() => {
    throw notFound('treatment plan');
  });
  const fields: FieldErrors = {};
  checkPlanFields(input, fields);
  const start = input.startDate ?? existing.start_date;
  const end = input.endDate === undefined ? existing.end_date : input.endDate;
  if (!fields.startDate && !fields.endDate && end && end < start) fields.endDate = 'The end date is before the start date.';
  if (input.practitionerId && !(await findStaff(deps.db, principal.clinicId, input.practitionerId))) {
    fields.practitionerId = 'No staff member with this id in your clinic.';
  }
  failIfAny(fields);
  await updateTreatmentPlan(deps.db, principal.clinicId, planId, {
    ...(input.title !== undefined && { title: input.title.trim() }),
    ...(input.condition !== undefined && { condition: input.condition }),
    ...(input.goals !== undefined && { goals: JSON.stringify(input.goals) }),
    ...(input.startDate !== undefined && { start_date: input.startDate }),
    ...(input.endDate !== undefined && { end_date: input.endDate }),
    ...(input.status !== undefined && { status: input.status }),
    ...(input.practitionerId !== undefined && { practitioner_id: input.practitionerId }),
  });
  return getTreatmentPlan(deps, principal, planId);
}
