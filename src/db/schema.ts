/**
 * Table types for Kysely. They mirror the migrations; test/db/schema-drift.test.ts compares them with
 * the live catalogue so the two cannot drift apart.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { StaffRole } from '../core/permissions';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** DATE columns are read as 'YYYY-MM-DD' strings (see db/connection.ts type parser). */
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ClinicsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  address_line1: Generated<string>;
  city: Generated<string>;
  region: Generated<string>;
  postal_code: Generated<string>;
  country: string;
  phone: Generated<string>;
  fax_number: Generated<string>;
  time_zone: string;
  created_at: Timestamp;
}

export interface LocationsTable {
  id: Generated<string>;
  clinic_id: string;
  name: string;
  address_line1: Generated<string>;
  city: Generated<string>;
  region: Generated<string>;
  postal_code: Generated<string>;
  phone: Generated<string>;
  fax_number: Generated<string>;
}

export interface StaffTable {
  id: Generated<string>;
  clinic_id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: StaffRole;
  location_id: string | null;
  password_hash: string | null;
  practitioner_title: string | null;
  credentials: string | null;
  license_number: string | null;
  discipline: string | null;
  created_at: Timestamp;
}

export interface PatientIdentifier {
  system: string;
  value: string;
}

export interface PatientsTable {
  id: Generated<string>;
  clinic_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: DateOnly;
  sex: Generated<'female' | 'male' | 'other' | 'unknown'>;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  identifiers: Json<PatientIdentifier[]>;
  location_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PatientPractitionersTable {
  clinic_id: string;
  patient_id: string;
  staff_id: string;
}

export type TreatmentPlanStatus = 'draft' | 'active' | 'completed' | 'cancelled';

export interface TreatmentPlansTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  practitioner_id: string;
  title: string;
  condition: Generated<string>;
  goals: Json<string[]>;
  start_date: DateOnly;
  end_date: DateOnly | null;
  status: TreatmentPlanStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChartSection {
  title: string;
  text: string;
}

export interface ChartEntriesTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  author_id: string;
  occurred_at: RequiredTimestamp;
  template_name: string;
  sections: Json<ChartSection[]>;
  signed: Generated<boolean>;
  treatment_plan_id: string | null;
  deleted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  staff_id: string;
  clinic_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  clinic_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface Database {
  clinics: ClinicsTable;
  locations: LocationsTable;
  staff: StaffTable;
  patients: PatientsTable;
  patient_practitioners: PatientPractitionersTable;
  treatment_plans: TreatmentPlansTable;
  chart_entries: ChartEntriesTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
}

export type Clinic = Selectable<ClinicsTable>;
export type Staff = Selectable<StaffTable>;
export type Patient = Selectable<PatientsTable>;
export type NewPatient = Insertable<PatientsTable>;
export type PatientUpdate = Updateable<PatientsTable>;
export type TreatmentPlan = Selectable<TreatmentPlansTable>;
export type ChartEntry = Selectable<ChartEntriesTable>;
