/**
 * The clinic's address book: people and organizations with a fax number, search that also offers
 * recently faxed recipients, archive instead of delete, and CSV import/export.
 */
import { CsvSyntaxError, parseCsv, unguardCell, writeCsv } from '../core/csv';
import { FaxError, type FieldErrors } from '../core/errors';
import { displayFaxNumber, parseFaxNumber } from '../core/phone-numbers';
import { combineRecipientName } from '../core/recipient-name';
import { findClinic } from '../db/repositories/clinics';
import {
  findAllContacts,
  findContact,
  findRecentRecipients,
  insertContact,
  insertContacts,
  searchContacts,
  updateContact,
  type NewContact,
} from '../db/repositories/contacts';
import type { Clinic, Contact } from '../db/schema';
import { requirePermission } from './authorize';
import type { Principal } from './principal';
import type { ServiceDeps } from './service-deps';

export type ContactsDeps = ServiceDeps;

/** Recipients faxed within this many days are offered in search even when not in the address book. */
export const RECENT_RECIPIENT_DAYS = 90;
export const MAX_RECENT_RECIPIENTS = 10;
/** Rows one import may hold. */
export const MAX_IMPORT_ROWS = 5000;

/** Import/export columns, in order. `address` is the street line. */
export const CONTACT_CSV_COLUMNS = [
  'type',
  'first_name',
  'last_name',
  'organization',
  'fax',
  'phone',
  'email',
  'address',
  'city',
  'region',
  'postal_code',
  'notes',
] as const;
type CsvColumn = (typeof CONTACT_CSV_COLUMNS)[number];

export const CONTACT_LIMITS = {
  name: 100,
  organization: 200,
  email: 320,
  number: 40,
  line: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  notes: 2000,
} as const;

export interface ContactInput {
  kind?: 'person' | 'organization';
  firstName?: string | null;
  lastName?: string | null;
  organization?: string | null;
  faxNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: { line1?: string | null; city?: string | null; region?: string | null; postalCode?: string | null };
  notes?: string | null;
}

export function contactDisplayName(c: Pick<Contact, 'first_name' | 'last_name' | 'organization'>): string {
  const tidy = (v: string | null) => (v ?? '').replace(/\s+/g, ' ').trim();
  const person = [tidy(c.first_name), tidy(c.last_name)].filter(Boolean).join(' ');
  return [person, tidy(c.organization)].filter(Boolean).join(', ');
}

export function toContactDto(c: Contact) {
  return {
    kind: c.kind,
    id: c.id,
    firstName: c.first_name,
    lastName: c.last_name,
    organization: c.organization,
    displayName: contactDisplayName(c),
    coverName: combineRecipientName({ firstName: c.first_name, lastName: c.last_name, organization: c.organization }),
    faxNumber: c.fax_number,
    faxNumberDisplay: c.fax_number ? displayFaxNumber(c.fax_number) : null,
    phone: c.phone,
    email: c.email,
    address: { line1: c.address_line1, city: c.city, region: c.region, postalCode: c.postal_code },
    notes: c.notes,
    archived: c.archived_at !== null,
    archivedAt: c.archived_at?.toISOString() ?? null,
    updatedAt: c.updated_at.toISOString(),
  };
}

async function getClinicOrThrow(deps: ContactsDeps, clinicId: string): Promise<Clinic> {
  const clinic = await findClinic(deps.db, clinicId);
  if (!clinic) throw new FaxError('not-found', 'Your clinic no longer exists.');
  return clinic;
}

const notFound = () => new FaxError('not-found', 'No contact with this id in your address book.');

function tidy(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const t = value.replace(/[^\S\n]+/g, ' ').trim();
  return t === '' ? null : t;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Check a complete contact (after merging a change onto the stored one) and produce the row values.
 * Field keys follow the JSON body (`faxNumber`, `address.city`, …).
 */
export function checkContact(input: ContactInput, clinicCountry: string): { values: Omit<NewContact, 'clinic_id'>; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const firstName = tidy(input.firstName);
  const lastName = tidy(input.lastName);
  const organization = tidy(input.organization);
  const kind = input.kind ?? (firstName || lastName ? 'person' : 'organization');
  if (kind === 'person' && !firstName && !lastName) fields.lastName = 'Enter a first or last name (or make this an organization).';
  if (kind === 'organization' && !organization) fields.organization = 'Enter the organization’s name.';
  const tooLong = (key: string, value: string | null, max: number) => {
    if (value && value.length > max) fields[key] = `Must be at most ${max} characters.`;
  };
  tooLong('firstName', firstName, CONTACT_LIMITS.name);
  tooLong('lastName', lastName, CONTACT_LIMITS.name);
  tooLong('organization', organization, CONTACT_LIMITS.organization);

  let faxNumber: string | null = null;
  const typedFax = tidy(input.faxNumber);
  if (typedFax) {
    const parsed = parseFaxNumber(typedFax, clinicCountry);
    if (parsed.ok) faxNumber = parsed.e164;
    else fields.faxNumber = parsed.message;
  }
  let phone: string | null = null;
  const typedPhone = tidy(input.phone);
  if (typedPhone) {
    const parsed = parseFaxNumber(typedPhone, clinicCountry);
    if (parsed.ok) phone = parsed.e164;
    else fields.phone = parsed.message.replace(/fax number/g, 'phone number');
  }
  const email = tidy(input.email);
  if (email && (!EMAIL.test(email) || email.length > CONTACT_LIMITS.email)) fields.email = `"${email}" is not an e-mail address.`;
  const line1 = tidy(input.address?.line1);
  const city = tidy(input.address?.city);
  const region = tidy(input.address?.region);
  const postalCode = tidy(input.address?.postalCode);
  tooLong('address.line1', line1, CONTACT_LIMITS.line);
  tooLong('address.city', city, CONTACT_LIMITS.city);
  tooLong('address.region', region, CONTACT_LIMITS.region);
  tooLong('address.postalCode', postalCode, CONTACT_LIMITS.postalCode);
  const notes = input.notes === undefined || input.notes === null ? null : input.notes.trim() || null;
  tooLong('notes', notes, CONTACT_LIMITS.notes);
  return {
    values: {
      kind,
      first_name: firstName,
      last_name: lastName,
      organization,
      fax_number: faxNumber,
      phone,
      email,
      address_line1: line1,
      city,
      region,
      postal_code: postalCode,
      notes,
    },
    fields,
  };
}

function throwIfInvalid(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0)
    throw new FaxError('validation-failed', 'Some contact details are not valid. Correct them and try again.', { fields });
}

export async function listContacts(
  deps: ContactsDeps,
  principal: Principal,
  params: { query: string; includeArchived: boolean; limit: number; offset: number },
) {
  requirePermission(principal, 'contacts:read');
  const { rows, total } = await searchContacts(deps.db, { clinicId: principal.clinicId, ...params });
  const query = params.query.trim();
  const recent =
    query === '' || params.offset > 0
      ? []
      : await findRecentRecipients(deps.db, {
          clinicId: principal.clinicId,
          query,
          since: new Date(deps.clock.now().getTime() - RECENT_RECIPIENT_DAYS * 86_400_000),
          limit: MAX_RECENT_RECIPIENTS,
        });
  return {
    contacts: rows.map(toContactDto),
    total,
    recent: recent.map((r) => ({
      kind: 'recent' as const,
      name: r.recipient_name,
      coverName: combineRecipientName(r.recipient_name),
      faxNumber: r.recipient_fax_number,
      faxNumberDisplay: displayFaxNumber(r.recipient_fax_number),
      lastFaxedAt: new Date(r.last_faxed_at).toISOString(),
    })),
  };
}

export async function getContact(deps: ContactsDeps, principal: Principal, contactId: string) {
  requirePermission(principal, 'contacts:read');
  const contact = await findContact(deps.db, principal.clinicId, contactId);
  if (!contact) throw notFound();
  return toContactDto(contact);
}

export async function createContact(deps: ContactsDeps, principal: Principal, input: ContactInput) {
  requirePermission(principal, 'contacts:write');
  const clinic = await getClinicOrThrow(deps, principal.clinicId);
  const { values, fields } = checkContact(input, clinic.country);
  throwIfInvalid(fields);
  const now = deps.clock.now();
  return toContactDto(await insertContact(deps.db, { ...values, clinic_id: clinic.id, created_at: now, updated_at: now }));
}

export async function changeContact(
  deps: ContactsDeps,
  principal: Principal,
  contactId: string,
  change: ContactInput & { archived?: boolean },
) {
  requirePermission(principal, 'contacts:write');
  const clinic = await getClinicOrThrow(deps, principal.clinicId);
  const current = await findContact(deps.db, clinic.id, contactId);
  if (!current) throw notFound();
  const pick = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);
  const merged: ContactInput = {
    kind: pick(change.kind, current.kind),
    firstName: pick(change.firstName, current.first_name),
    lastName: pick(change.lastName, current.last_name),
    organization: pick(change.organization, current.organization),
    faxNumber: pick(change.faxNumber, current.fax_number),
    phone: pick(change.phone, current.phone),
    email: pick(change.email, current.email),
    address: {
      line1: pick(change.address?.line1, current.address_line1),
      city: pick(change.address?.city, current.city),
      region: pick(change.address?.region, current.region),
      postalCode: pick(change.address?.postalCode, current.postal_code),
    },
    notes: pick(change.notes, current.notes),
  };
  const { values, fields } = checkContact(merged, clinic.country);
  throwIfInvalid(fields);
  const now = deps.clock.now();
  const archivedAt = change.archived === undefined ? current.archived_at : change.archived ? (current.archived_at ?? now) : null;
  const updated = await updateContact(deps.db, clinic.id, contactId, { ...values, archived_at: archivedAt }, now);
  if (!updated) throw notFound();
  return toContactDto(updated);
}

/** Archive: hidden from search and cannot be faxed, but kept (past faxes refer to it). */
export async function archiveContact(deps: ContactsDeps, principal: Principal, contactId: string) {
  requirePermission(principal, 'contacts:write');
  const current = await findContact(deps.db, principal.clinicId, contactId);
  if (!current) throw notFound();
  const updated = await updateContact(
    deps.db,
    principal.clinicId,
    contactId,
    { archived_at: current.archived_at ?? deps.clock.now() },
    deps.clock.now(),
  );
  return toContactDto(updated!);
}

// ---- CSV ---------------------------------------------------------------------------------------

const CSV_FIELD_FOR: Readonly<Record<string, CsvColumn>> = {
  kind: 'type',
  firstName: 'first_name',
  lastName: 'last_name',
  organization: 'organization',
  faxNumber: 'fax',
  phone: 'phone',
  email: 'email',
  'address.line1': 'address',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postal_code',
  notes: 'notes',
};

function nameKey(v: { first_name?: string | null; last_name?: string | null; organization?: string | null }): string {
  const part = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${part(v.first_name)}|${part(v.last_name)}|${part(v.organization)}`;
}

export interface ImportRow {
  line: number;
  values: Record<CsvColumn, string>;
  errors: Record<string, string>;
  /** Why the row would not be imported as a new contact, when it repeats one. */
  duplicate: null | {
    reason: 'fax-number' | 'name';
    of: 'existing-contact' | 'earlier-row';
    contactId: string | null;
    line: number | null;
  };
  willImport: boolean;
}

/**
 * Read an address-book CSV. Returns a preview of every row (errors per column, duplicates of
 * existing contacts or earlier rows). With `confirm`, imports the valid, non-duplicate rows in one
 * transaction; nothing is imported otherwise.
 */
export async function importContacts(deps: ContactsDeps, principal: Principal, input: { csv: string; confirm: boolean }) {
  requirePermission(principal, 'contacts:write');
  const clinic = await getClinicOrThrow(deps, principal.clinicId);
  let records;
  try {
    records = parseCsv(input.csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new FaxError('validation-failed', `The CSV file cannot be read: ${error.message}`, { fields: { csv: error.message } });
    throw error;
  }
  const header = records.shift();
  if (!header)
    throw new FaxError('validation-failed', 'The CSV file is empty.', {
      fields: { csv: `The file is empty. The first line must name the columns: ${CONTACT_CSV_COLUMNS.join(',')}.` },
    });
  const columns = header.cells.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const unknown = columns.filter((c) => !(CONTACT_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    const message = `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}. The columns are: ${CONTACT_CSV_COLUMNS.join(',')}.`;
    throw new FaxError('validation-failed', message, { fields: { csv: message } });
  }
  if (!columns.includes('fax') || !(columns.includes('last_name') || columns.includes('first_name') || columns.includes('organization'))) {
    const message = 'The file needs a "fax" column and at least one of "first_name", "last_name" or "organization".';
    throw new FaxError('validation-failed', message, { fields: { csv: message } });
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw new FaxError('limit-exceeded', `The file has ${records.length} contacts; import at most ${MAX_IMPORT_ROWS} at a time.`, {
      fields: { csv: `At most ${MAX_IMPORT_ROWS} rows per import.` },
    });
  }

  const existing = await findAllContacts(deps.db, clinic.id, { includeArchived: false });
  const byFax = new Map<string, { contactId: string | null; line: number | null; of: 'existing-contact' | 'earlier-row' }>();
  const byName = new Map<string, { contactId: string | null; line: number | null; of: 'existing-contact' | 'earlier-row' }>();
  for (const c of existing) {
    if (c.fax_number) byFax.set(c.fax_number, { contactId: c.id, line: null, of: 'existing-contact' });
    byName.set(nameKey(c), { contactId: c.id, line: null, of: 'existing-contact' });
  }

  const rows: ImportRow[] = [];
  const toInsert: NewContact[] = [];
  for (const record of records) {
    const values = Object.fromEntries(CONTACT_CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>;
    columns.forEach((column, i) => {
      values[column as CsvColumn] = unguardCell(record.cells[i] ?? '').trim();
    });
    const errors: Record<string, string> = {};
    if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim() !== ''))
      errors.row = `This row has ${record.cells.length} cells but the header names ${columns.length} columns.`;
    const type = values.type.toLowerCase();
    if (type !== '' && type !== 'person' && type !== 'organization') errors.type = 'Must be "person" or "organization" (or left empty).';
    if (values.fax === '') errors.fax = 'A fax number is required.';
    const { values: row, fields } = checkContact(
      {
        kind: type === 'person' || type === 'organization' ? type : undefined,
        firstName: values.first_name,
        lastName: values.last_name,
        organization: values.organization,
        faxNumber: values.fax,
        phone: values.phone,
        email: values.email,
        address: { line1: values.address, city: values.city, region: values.region, postalCode: values.postal_code },
        notes: values.notes,
      },
      clinic.country,
    );
    for (const [field, message] of Object.entries(fields)) errors[CSV_FIELD_FOR[field] ?? field] ??= message;
    const valid = Object.keys(errors).length === 0;
    let duplicate: ImportRow['duplicate'] = null;
    if (valid) {
      const sameFax = row.fax_number ? byFax.get(row.fax_number) : undefined;
      const sameName = byName.get(nameKey(row));
      if (sameFax) duplicate = { reason: 'fax-number', ...sameFax };
      else if (sameName) duplicate = { reason: 'name', ...sameName };
      if (!duplicate) {
        const here = { contactId: null, line: record.line, of: 'earlier-row' as const };
        if (row.fax_number) byFax.set(row.fax_number, here);
        byName.set(nameKey(row), here);
        toInsert.push({ ...row, clinic_id: clinic.id });
      }
    }
    rows.push({ line: record.line, values, errors, duplicate, willImport: valid && duplicate === null });
  }

  let imported = 0;
  if (input.confirm && toInsert.length > 0) {
    const now = deps.clock.now();
    imported = await deps.db.transaction().execute((trx) =>
      insertContacts(
        trx,
        toInsert.map((c) => ({ ...c, created_at: now, updated_at: now })),
      ),
    );
  }
  return {
    rows,
    summary: {
      rows: rows.length,
      valid: rows.filter((r) => Object.keys(r.errors).length === 0).length,
      invalid: rows.filter((r) => Object.keys(r.errors).length > 0).length,
      duplicates: rows.filter((r) => r.duplicate !== null).length,
      toImport: toInsert.length,
    },
    imported,
    confirmed: input.confirm,
  };
}

/** The address book as CSV, in the import's columns (active contacts only). */
export async function exportContacts(deps: ContactsDeps, principal: Principal): Promise<string> {
  requirePermission(principal, 'contacts:read');
  const contacts = await findAllContacts(deps.db, principal.clinicId, { includeArchived: false });
  return writeCsv([
    [...CONTACT_CSV_COLUMNS],
    ...contacts.map((c) => [
      c.kind,
      c.first_name,
      c.last_name,
      c.organization,
      c.fax_number,
      c.phone,
      c.email,
      c.address_line1,
      c.city,
      c.region,
      c.postal_code,
      c.notes,
    ]),
  ]);
}
