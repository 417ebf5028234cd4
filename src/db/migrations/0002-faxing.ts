import { sql, type Kysely } from 'kysely';

/**
 * Everything about sending faxes: clinic fax settings, address book, cover templates, faxes with
 * their documents and attempts, the test line's call log, usage, disclosures, notifications,
 * provider connections and webhooks in both directions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clinic_fax_settings (
      clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
      paper_size text NOT NULL DEFAULT 'letter' CHECK (paper_size IN ('letter','a4')),
      resolution text NOT NULL DEFAULT 'fine' CHECK (resolution IN ('fine','standard')),
      international_enabled boolean NOT NULL DEFAULT false,
      monthly_page_allowance integer NOT NULL DEFAULT 500 CHECK (monthly_page_allowance >= 0),
      overage_cents_per_page integer NOT NULL DEFAULT 8 CHECK (overage_cents_per_page >= 0),
      cover_patient_fields boolean NOT NULL DEFAULT false,
      retry_policy jsonb,
      default_sending_number text,
      callback_number text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('person','organization')),
      first_name text,
      last_name text,
      organization text,
      fax_number text,
      phone text,
      email text,
      address_line1 text,
      city text,
      region text,
      postal_code text,
      notes text,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id),
      CHECK (kind = 'organization' AND organization IS NOT NULL OR kind = 'person' AND (first_name IS NOT NULL OR last_name IS NOT NULL))
    );
    CREATE INDEX contacts_clinic_idx ON contacts (clinic_id) WHERE archived_at IS NULL;

    CREATE TABLE cover_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      name text NOT NULL,
      source text NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clinic_id, id)
    );
    CREATE UNIQUE INDEX cover_templates_one_default ON cover_templates (clinic_id) WHERE is_default AND archived_at IS NULL;

    CREATE TABLE provider_connections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      provider text NOT NULL,
      credentials_encrypted text NOT NULL,
      account_name text NOT NULL DEFAULT '',
      numbers jsonb NOT NULL DEFAULT '[]',
      webhook_token text NOT NULL UNIQUE,
      webhook_secret_encrypted text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      connected_at timestamptz NOT NULL DEFAULT now(),
      disconnected_at timestamptz,
      account_error_at timestamptz,
      UNIQUE (clinic_id, id)
    );
    CREATE UNIQUE INDEX provider_connections_one_active ON provider_connections (clinic_id) WHERE active;

    CREATE TABLE sending_numbers (
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      scope text NOT NULL CHECK (scope IN ('location','staff')),
      scope_id uuid NOT NULL,
      number text NOT NULL,
      PRIMARY KEY (clinic_id, scope, scope_id)
    );

    CREATE TABLE faxes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      reference text NOT NULL UNIQUE,
      idempotency_key text,
      status text NOT NULL CHECK (status IN ('queued','rendering','sending','waiting-to-retry','delivered','partially-delivered','failed','cancelled','expired')),
      patient_id uuid NOT NULL,
      source jsonb NOT NULL,
      description text NOT NULL,
      recipient_name text NOT NULL,
      recipient_fax_number text NOT NULL,
      contact_id uuid,
      cover jsonb NOT NULL,
      purpose text NOT NULL DEFAULT 'treatment' CHECK (purpose IN ('treatment','payment','operations','legal','patient-request','other')),
      sender_staff_id uuid,
      sender_name text NOT NULL,
      api_key_id uuid REFERENCES api_keys(id),
      location_id uuid,
      transport text NOT NULL,
      connection_id uuid REFERENCES provider_connections(id),
      sending_number text,
      page_count integer NOT NULL,
      cover_pages integer NOT NULL DEFAULT 0,
      pages_delivered integer NOT NULL DEFAULT 0,
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      give_up_at timestamptz NOT NULL,
      failure_cause text,
      failure_message text,
      resend_of uuid REFERENCES faxes(id),
      progress jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (clinic_id, id),
      UNIQUE (clinic_id, idempotency_key),
      FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id),
      FOREIGN KEY (clinic_id, contact_id) REFERENCES contacts(clinic_id, id)
    );
    CREATE INDEX faxes_clinic_created_idx ON faxes (clinic_id, created_at DESC);
    CREATE INDEX faxes_patient_idx ON faxes (clinic_id, patient_id, created_at DESC);
    CREATE INDEX faxes_active_idx ON faxes (status, updated_at) WHERE status IN ('queued','rendering','sending','waiting-to-retry');
    CREATE INDEX faxes_recipient_idx ON faxes (clinic_id, recipient_fax_number);

    CREATE TABLE fax_documents (
      fax_id uuid PRIMARY KEY REFERENCES faxes(id) ON DELETE CASCADE,
      pdf bytea NOT NULL,
      tiff bytea NOT NULL,
      page_count integer NOT NULL,
      resolution text NOT NULL,
      spec jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE fax_pages (
      fax_id uuid NOT NULL REFERENCES faxes(id) ON DELETE CASCADE,
      page_number integer NOT NULL,
      png bytea NOT NULL,
      PRIMARY KEY (fax_id, page_number)
    );

    CREATE TABLE fax_attempts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      fax_id uuid NOT NULL REFERENCES faxes(id) ON DELETE CASCADE,
      attempt_number integer NOT NULL,
      transport text NOT NULL,
      status text NOT NULL CHECK (status IN ('sending','submitted','delivered','partially-delivered','failed','unknown')),
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      lease_expires_at timestamptz,
      first_page integer NOT NULL DEFAULT 1,
      pages_in_attempt integer NOT NULL,
      pages_transmitted integer NOT NULL DEFAULT 0,
      provider_fax_id text,
      raw_code text,
      raw_message text,
      cause text,
      explanation text,
      next_retry_at timestamptz,
      remote_station_id text,
      bit_rate integer,
      duration_seconds double precision,
      UNIQUE (fax_id, attempt_number)
    );
    CREATE INDEX fax_attempts_provider_idx ON fax_attempts (transport, provider_fax_id) WHERE provider_fax_id IS NOT NULL;

    CREATE TABLE test_line_calls (
      call_id text PRIMARY KEY,
      reference text NOT NULL,
      attempt integer NOT NULL,
      to_number text NOT NULL,
      status text NOT NULL,
      pages_transmitted integer NOT NULL,
      pages_received integer NOT NULL,
      failure jsonb,
      remote_station_id text,
      local_station_id text NOT NULL,
      negotiated_bit_rate integer,
      duration_seconds double precision,
      completion_code integer NOT NULL,
      completion_text text NOT NULL,
      received_tiff bytea,
      completed_at timestamptz NOT NULL,
      UNIQUE (reference, attempt)
    );

    CREATE TABLE fax_previews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      patient_id uuid NOT NULL,
      created_by_staff_id uuid,
      created_by_api_key_id uuid,
      request_hash text NOT NULL,
      reference text NOT NULL,
      page_count integer NOT NULL,
      cover_pages integer NOT NULL,
      pdf bytea NOT NULL,
      tiff bytea NOT NULL,
      resolution text NOT NULL,
      pages bytea[] NOT NULL,
      spec jsonb NOT NULL,
      warnings jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX fax_previews_expiry_idx ON fax_previews (expires_at);

    CREATE TABLE usage_records (
      fax_id uuid PRIMARY KEY REFERENCES faxes(id) ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      counted_at timestamptz NOT NULL,
      month char(7) NOT NULL,
      day date NOT NULL,
      pages integer NOT NULL CHECK (pages > 0),
      staff_id uuid,
      location_id uuid
    );
    CREATE INDEX usage_records_month_idx ON usage_records (clinic_id, month);

    -- Accounting of disclosures (45 CFR 164.528): append-only, kept at least six years.
    CREATE TABLE disclosures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id),
      patient_id uuid NOT NULL,
      fax_id uuid NOT NULL UNIQUE REFERENCES faxes(id),
      disclosed_at timestamptz NOT NULL,
      recipient_name text NOT NULL,
      recipient_fax_number text NOT NULL,
      description text NOT NULL,
      purpose text NOT NULL,
      sender_name text NOT NULL,
      pages integer NOT NULL,
      outcome text NOT NULL,
      retain_until date NOT NULL
    );
    CREATE INDEX disclosures_patient_idx ON disclosures (clinic_id, patient_id, disclosed_at);
    CREATE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'disclosure records are append-only';
    END $$;
    CREATE TRIGGER disclosures_no_update BEFORE UPDATE OR DELETE ON disclosures
      FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();

    CREATE TABLE patient_history (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      fax_id uuid REFERENCES faxes(id),
      occurred_at timestamptz NOT NULL,
      text text NOT NULL,
      UNIQUE (fax_id),
      FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE
    );

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      audience text NOT NULL CHECK (audience IN ('admins','staff')),
      staff_id uuid,
      kind text NOT NULL,
      dedupe_key text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      emailed_at timestamptz,
      UNIQUE (clinic_id, dedupe_key)
    );

    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
      url text NOT NULL,
      secret_encrypted text NOT NULL,
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz,
      UNIQUE (clinic_id, id)
    );

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
      fax_id uuid,
      event text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending','delivered','failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    );
    CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

    CREATE TABLE provider_webhook_events (
      provider text NOT NULL,
      event_id text NOT NULL,
      connection_id uuid REFERENCES provider_connections(id) ON DELETE CASCADE,
      fax_id uuid,
      provider_fax_id text,
      received_at timestamptz NOT NULL DEFAULT now(),
      payload jsonb NOT NULL,
      processed_at timestamptz,
      outcome text,
      PRIMARY KEY (provider, event_id)
    );
  `.execute(db);
}
