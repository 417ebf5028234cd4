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

export type FaxStatusColumn =
  'queued' | 'rendering' | 'sending' | 'waiting-to-retry' | 'delivered' | 'partially-delivered' | 'failed' | 'cancelled' | 'expired';

export interface ClinicFaxSettingsTable {
  clinic_id: string;
  paper_size: Generated<'letter' | 'a4'>;
  resolution: Generated<'fine' | 'standard'>;
  international_enabled: Generated<boolean>;
  monthly_page_allowance: Generated<number>;
  overage_cents_per_page: Generated<number>;
  cover_patient_fields: Generated<boolean>;
  retry_policy: Json<unknown> | null;
  default_sending_number: string | null;
  callback_number: string | null;
  updated_at: Timestamp;
}

export interface ContactsTable {
  id: Generated<string>;
  clinic_id: string;
  kind: 'person' | 'organization';
  first_name: string | null;
  last_name: string | null;
  organization: string | null;
  fax_number: string | null;
  phone: string | null;
  email: string | null;
  address_line1: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  notes: string | null;
  archived_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoverTemplatesTable {
  id: Generated<string>;
  clinic_id: string;
  name: string;
  source: string;
  is_default: Generated<boolean>;
  archived_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProviderConnectionsTable {
  id: Generated<string>;
  clinic_id: string;
  provider: string;
  credentials_encrypted: string;
  account_name: Generated<string>;
  numbers: Json<{ number: string; label: string | null }[]>;
  webhook_token: string;
  webhook_secret_encrypted: string;
  active: Generated<boolean>;
  connected_at: Timestamp;
  disconnected_at: Date | null;
  account_error_at: Date | null;
}

export interface SendingNumbersTable {
  clinic_id: string;
  scope: 'location' | 'staff';
  scope_id: string;
  number: string;
}

export interface FaxesTable {
  id: Generated<string>;
  clinic_id: string;
  reference: string;
  idempotency_key: string | null;
  status: FaxStatusColumn;
  patient_id: string;
  source: Json<unknown>;
  description: string;
  recipient_name: string;
  recipient_fax_number: string;
  contact_id: string | null;
  cover: Json<unknown>;
  purpose: Generated<string>;
  sender_staff_id: string | null;
  sender_name: string;
  api_key_id: string | null;
  location_id: string | null;
  transport: string;
  connection_id: string | null;
  sending_number: string | null;
  page_count: number;
  cover_pages: Generated<number>;
  pages_delivered: Generated<number>;
  attempt_count: Generated<number>;
  next_attempt_at: Date | null;
  give_up_at: RequiredTimestamp;
  failure_cause: string | null;
  failure_message: string | null;
  resend_of: string | null;
  progress: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | null;
}

export interface FaxDocumentsTable {
  fax_id: string;
  pdf: Buffer;
  tiff: Buffer;
  page_count: number;
  resolution: string;
  spec: Json<unknown>;
  created_at: Timestamp;
}

export interface FaxPagesTable {
  fax_id: string;
  page_number: number;
  png: Buffer;
}

export type AttemptStatus = 'sending' | 'submitted' | 'delivered' | 'partially-delivered' | 'failed' | 'unknown';

export interface FaxAttemptsTable {
  id: Generated<string>;
  fax_id: string;
  attempt_number: number;
  transport: string;
  status: AttemptStatus;
  started_at: RequiredTimestamp;
  ended_at: Date | null;
  lease_expires_at: Date | null;
  first_page: Generated<number>;
  pages_in_attempt: number;
  pages_transmitted: Generated<number>;
  provider_fax_id: string | null;
  raw_code: string | null;
  raw_message: string | null;
  cause: string | null;
  explanation: string | null;
  next_retry_at: Date | null;
  remote_station_id: string | null;
  bit_rate: number | null;
  duration_seconds: number | null;
}

export interface TestLineCallsTable {
  call_id: string;
  reference: string;
  attempt: number;
  to_number: string;
  status: string;
  pages_transmitted: number;
  pages_received: number;
  failure: Json<unknown> | null;
  remote_station_id: string | null;
  local_station_id: string;
  negotiated_bit_rate: number | null;
  duration_seconds: number | null;
  completion_code: number;
  completion_text: string;
  received_tiff: Buffer | null;
  completed_at: RequiredTimestamp;
}

export interface FaxPreviewsTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  created_by_staff_id: string | null;
  created_by_api_key_id: string | null;
  request_hash: string;
  reference: string;
  page_count: number;
  cover_pages: number;
  pdf: Buffer;
  tiff: Buffer;
  resolution: string;
  pages: Buffer[];
  spec: Json<unknown>;
  warnings: Json<unknown>;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
}

export interface UsageRecordsTable {
  fax_id: string;
  clinic_id: string;
  counted_at: RequiredTimestamp;
  month: string;
  day: DateOnly;
  pages: number;
  staff_id: string | null;
  location_id: string | null;
}

export interface DisclosuresTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  fax_id: string;
  disclosed_at: RequiredTimestamp;
  recipient_name: string;
  recipient_fax_number: string;
  description: string;
  purpose: string;
  sender_name: string;
  pages: number;
  outcome: string;
  retain_until: DateOnly;
}

export interface PatientHistoryTable {
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  fax_id: string | null;
  occurred_at: RequiredTimestamp;
  text: string;
}

export interface NotificationsTable {
  id: Generated<string>;
  clinic_id: string;
  audience: 'admins' | 'staff';
  staff_id: string | null;
  kind: string;
  dedupe_key: string;
  title: string;
  body: string;
  created_at: Timestamp;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  clinic_id: string;
  url: string;
  secret_encrypted: string;
  description: Generated<string>;
  created_at: Timestamp;
  disabled_at: Date | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  clinic_id: string;
  endpoint_id: string;
  fax_id: string | null;
  event: string;
  payload: Json<unknown>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

export interface ProviderWebhookEventsTable {
  provider: string;
  event_id: string;
  connection_id: string | null;
  fax_id: string | null;
  provider_fax_id: string | null;
  received_at: Timestamp;
  payload: Json<unknown>;
  processed_at: Date | null;
  outcome: string | null;
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
  clinic_fax_settings: ClinicFaxSettingsTable;
  contacts: ContactsTable;
  cover_templates: CoverTemplatesTable;
  provider_connections: ProviderConnectionsTable;
  sending_numbers: SendingNumbersTable;
  faxes: FaxesTable;
  fax_documents: FaxDocumentsTable;
  fax_pages: FaxPagesTable;
  fax_attempts: FaxAttemptsTable;
  test_line_calls: TestLineCallsTable;
  fax_previews: FaxPreviewsTable;
  usage_records: UsageRecordsTable;
  disclosures: DisclosuresTable;
  patient_history: PatientHistoryTable;
  notifications: NotificationsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  provider_webhook_events: ProviderWebhookEventsTable;
}

export type Clinic = Selectable<ClinicsTable>;
export type Staff = Selectable<StaffTable>;
export type Patient = Selectable<PatientsTable>;
export type NewPatient = Insertable<PatientsTable>;
export type PatientUpdate = Updateable<PatientsTable>;
export type TreatmentPlan = Selectable<TreatmentPlansTable>;
export type ChartEntry = Selectable<ChartEntriesTable>;
export type Fax = Selectable<FaxesTable>;
export type FaxAttempt = Selectable<FaxAttemptsTable>;
export type Contact = Selectable<ContactsTable>;
export type ClinicFaxSettings = Selectable<ClinicFaxSettingsTable>;
