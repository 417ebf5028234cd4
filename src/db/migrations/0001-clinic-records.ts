import { sql, type Kysely } from 'kysely';

/** Clinics, their staff and clinical records, sign-in sessions and API keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clinics (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      address_line1 text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      region text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      country char(2) NOT NULL,
      phone text NOT NULL DEFAULT '',
      fax_number text NOT NULL DEFAULT '',
      time_zone text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE locations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      name text NOT NULL,
      address_line1 text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      region text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      fax_number text NOT NULL DEFAULT '',
      UNIQUE (clinic_id, id)
    );

    CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      email text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner','admin','front-desk','practitioner','practitioner-limited','no-access')),
      location_id uuid,
      password_hash text,
      practitioner_title text,
      credentials text,
      license_number text,
      discipline text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id),
      FOREIGN KEY (clinic_id, location_id) REFERENCES locations(clinic_id, id)
    );
    CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

    CREATE TABLE patients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      date_of_birth date NOT NULL,
      sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female','male','other','unknown')),
      email text,
      phone text,
      address_line1 text,
      city text,
      region text,
      postal_code text,
      identifiers jsonb NOT NULL DEFAULT '[]',
      location_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id),
      FOREIGN KEY (clinic_id, location_id) REFERENCES locations(clinic_id, id)
    );
    CREATE INDEX patients_clinic_name_idx ON patients (clinic_id, lower(last_name), lower(first_name));

    CREATE TABLE patient_practitioners (
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      staff_id uuid NOT NULL,
      PRIMARY KEY (patient_id, staff_id),
      FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE,
      FOREIGN KEY (clinic_id, staff_id) REFERENCES staff(clinic_id, id) ON DELETE CASCADE
    );
    CREATE INDEX patient_practitioners_staff_idx ON patient_practitioners (staff_id);

    CREATE TABLE treatment_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      practitioner_id uuid NOT NULL,
      title text NOT NULL,
      condition text NOT NULL DEFAULT '',
      goals jsonb NOT NULL DEFAULT '[]',
      start_date date NOT NULL,
      end_date date,
      status text NOT NULL CHECK (status IN ('draft','active','completed','cancelled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id),
      FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE,
      FOREIGN KEY (clinic_id, practitioner_id) REFERENCES staff(clinic_id, id),
      CHECK (end_date IS NULL OR end_date >= start_date)
    );
    CREATE INDEX treatment_plans_patient_idx ON treatment_plans (clinic_id, patient_id);

    CREATE TABLE chart_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      author_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      template_name text NOT NULL,
      sections jsonb NOT NULL,
      signed boolean NOT NULL DEFAULT false,
      treatment_plan_id uuid,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id),
      FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE,
      FOREIGN KEY (clinic_id, author_id) REFERENCES staff(clinic_id, id),
      FOREIGN KEY (clinic_id, treatment_plan_id) REFERENCES treatment_plans(clinic_id, id)
    );
    CREATE INDEX chart_entries_patient_time_idx ON chart_entries (clinic_id, patient_id, occurred_at DESC);
    CREATE INDEX chart_entries_plan_idx ON chart_entries (treatment_plan_id) WHERE treatment_plan_id IS NOT NULL;

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      staff_id uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      key_hash text NOT NULL,
      created_by uuid REFERENCES staff(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_clinic_idx ON api_keys (clinic_id);
  `.execute(db);
}
