/**
 * Sending faxes: preview, send, list, read, cancel, resend. What staff preview is what is sent: a
 * send that names a fresh preview of the same request transmits that preview's pages.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { combineRecipientName } from '../core/recipient-name';
import { DEFAULT_COVER_TEMPLATE } from '../core/cover-template';
import { FaxError, type FieldErrors } from '../core/errors';
import type { CoverSpec, FaxDocumentSpec } from '../core/fax-document';
import { FAX_STATUSES, isFinal, STATUS_LABELS, type FaxStatus } from '../core/fax-state';
import { MAX_PAGES_PER_FAX, pageLimitError } from '../core/render-limits';
import { giveUpTime, retryPolicyFromSettings, type RetryPolicy } from '../core/retry-policy';
import { parseFaxNumber } from '../core/phone-numbers';
import { findClinic } from '../db/repositories/clinics';
import {
  findAttempts,
  findFax,
  findFaxByIdempotencyKey,
  findFaxDocument,
  findFaxPage,
  hasFaxedNumberBefore,
  insertFaxDocument,
  insertFaxPages,
  insertFaxUnlessDuplicate,
  searchFaxes,
} from '../db/repositories/faxes';
import { findStaff } from '../db/repositories/staff';
import type { Clinic, Fax } from '../db/schema';
import { cancelFax as cancelFaxInEngine } from '../jobs/fax-engine';
import type { Renderer, RenderWarning } from '../render';
import { requirePermission } from './authorize';
import { resolveFaxSource, type FaxSourceInput } from './fax-source';
import { checkDateRange } from './clinical-records-service';
import { zonedDayRange } from '../core/dates';
import type { Principal } from './principal';
import type { Executor, QueueingServiceDeps } from './service-deps';

export interface FaxServiceDeps extends QueueingServiceDeps {
  renderer: Renderer;
}

export const FAX_PURPOSES = ['treatment', 'payment', 'operations', 'legal', 'patient-request', 'other'] as const;
export type FaxPurpose = (typeof FAX_PURPOSES)[number];
/** Previews stay usable (and their images viewable) this long. */
export const PREVIEW_LIFETIME_MS = 30 * 60 * 1000;

export interface SendFaxBody {
  source: FaxSourceInput;
  /** Typed in, or an address-book contact (optionally with a number that overrides its saved one). */
  recipient: { name: string; faxNumber: string } | { contactId: string; faxNumber?: string };
  coverPage: { enabled: boolean; templateId?: string; subject?: string; notes?: string };
  purpose?: FaxPurpose;
  idempotencyKey?: string;
  /** A preview of this same request; its pages are sent as they were shown. */
  previewId?: string;
}

// ---- preparing a document --------------------------------------------------------------------

/** Crockford base32 (no I, L, O, U): readable over the phone. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newFaxReference(): string {
  const bytes = crypto.randomBytes(8);
  const chars = Array.from(bytes, (b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `CF-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

interface Recipient {
  name: string;
  coverName: string;
  e164: string;
  display: string;
  contactId: string | null;
  contactFaxNumber: string | null;
}

async function loadSettings(db: Executor, clinicId: string) {
  const row = await db.selectFrom('clinic_fax_settings').selectAll().where('clinic_id', '=', clinicId).executeTakeFirst();
  return {
    paper: row?.paper_size ?? 'letter',
    resolution: row?.resolution ?? 'fine',
    internationalEnabled: row?.international_enabled ?? false,
    coverPatientFields: row?.cover_patient_fields ?? false,
    callbackNumber: row?.callback_number ?? null,
    defaultSendingNumber: row?.default_sending_number ?? null,
    retryPolicy: retryPolicyFromSettings(row?.retry_policy ?? null),
  };
}

async function resolveRecipient(
  db: Executor,
  clinic: Clinic,
  input: SendFaxBody['recipient'],
  internationalEnabled: boolean,
): Promise<Recipient> {
  let name: string;
  let number: string;
  let contactId: string | null = null;
  let contactFaxNumber: string | null = null;
  if ('contactId' in input) {
    const contact = await db
      .selectFrom('contacts')
      .selectAll()
      .where('clinic_id', '=', clinic.id)
      .where('id', '=', input.contactId)
      .executeTakeFirst();
    if (!contact)
      throw new FaxError('not-found', 'No contact with this id in your address book.', {
        fields: { 'recipient.contactId': 'No contact with this id.' },
      });
    if (contact.archived_at) {
      throw new FaxError('validation-failed', 'This contact is archived. Restore it in the address book or type the recipient in.', {
        fields: { 'recipient.contactId': 'This contact is archived.' },
      });
    }
    if (!contact.fax_number && !input.faxNumber) {
      throw new FaxError('validation-failed', 'This contact has no fax number. Add one in the address book or type the number in.', {
        fields: { 'recipient.contactId': 'This contact has no fax number.' },
      });
    }
    name = [[contact.first_name, contact.last_name].filter(Boolean).join(' '), contact.organization].filter(Boolean).join(', ');
    number = input.faxNumber ?? contact.fax_number!;
    contactId = contact.id;
    contactFaxNumber = contact.fax_number;
  } else {
    name = input.name.replace(/\s+/g, ' ').trim();
    number = input.faxNumber;
    if (name === '')
      throw new FaxError('validation-failed', 'Enter the recipient’s name.', {
        fields: { 'recipient.name': 'Enter the recipient’s name.' },
      });
  }
  const parsed = parseFaxNumber(number, clinic.country);
  const field = contactId && !('faxNumber' in input && input.faxNumber) ? 'recipient.contactId' : 'recipient.faxNumber';
  if (!parsed.ok) throw new FaxError('validation-failed', parsed.message, { fields: { [field]: parsed.message } });
  if (parsed.international && !internationalEnabled) {
    throw new FaxError(
      'international-disabled',
      `${parsed.display} is outside the US and Canada, and international faxing is turned off for this clinic. An owner or admin can turn it on in Settings → Fax settings.`,
      {
        fields: { [field]: 'International faxing is turned off for this clinic.' },
      },
    );
  }
  return { name, coverName: combineRecipientName(name), e164: parsed.e164, display: parsed.display, contactId, contactFaxNumber };
}

async function coverTemplateSource(db: Executor, clinicId: string, templateId: string | undefined): Promise<string> {
  let q = db.selectFrom('cover_templates').select('source').where('clinic_id', '=', clinicId).where('archived_at', 'is', null);
  q = templateId ? q.where('id', '=', templateId) : q.where('is_default', '=', true);
  const row = await q.executeTakeFirst();
  if (!row && templateId)
    throw new FaxError('not-found', 'No cover template with this id in your clinic.', {
      fields: { 'coverPage.templateId': 'No cover template with this id.' },
    });
  return row?.source ?? DEFAULT_COVER_TEMPLATE;
}

async function sendingNumberFor(db: Executor, clinic: Clinic, principal: Principal, defaultNumber: string | null): Promise<string | null> {
  if (principal.staffId) {
    const staff = await findStaff(db, clinic.id, principal.staffId);
    const scoped = await db
      .selectFrom('sending_numbers')
      .select(['scope', 'number'])
      .where('clinic_id', '=', clinic.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'staff'), eb('scope_id', '=', principal.staffId!)]),
          ...(staff?.location_id ? [eb.and([eb('scope', '=', 'location'), eb('scope_id', '=', staff.location_id)])] : []),
        ]),
      )
      .execute();
    const own = scoped.find((r) => r.scope === 'staff') ?? scoped.find((r) => r.scope === 'location');
    if (own) return own.number;
  }
  if (defaultNumber) return defaultNumber;
  // Without a chosen default, a provider account sends from its own default number: the clinic's
  // listed fax number is used only where the account owns it (providers refuse other caller ids).
  const connection = await db
    .selectFrom('provider_connections')
    .select('numbers')
    .where('clinic_id', '=', clinic.id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!connection) return clinic.fax_number || null;
  const owned = connection.numbers.some((n) => {
    const parsed = parseFaxNumber(n.number, clinic.country);
    return parsed.ok && parsed.e164 === clinic.fax_number;
  });
  return owned ? clinic.fax_number : null;
}

function formatCoverDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

interface PreparedFax {
  clinic: Clinic;
  spec: FaxDocumentSpec;
  recipient: Recipient;
  patientId: string;
  description: string;
  sendingNumber: string | null;
  senderName: string;
  retryPolicy: RetryPolicy;
  firstTimeNumber: boolean;
}

async function prepareFax(
  deps: FaxServiceDeps,
  principal: Principal,
  body: SendFaxBody,
  reference: string,
  at: Date,
): Promise<PreparedFax> {
  requirePermission(principal, 'faxes:send');
  const { treatedBy } = requirePermission(principal, 'charts:read');
  const clinic = await findClinic(deps.db, principal.clinicId);
  if (!clinic) throw new FaxError('not-found', 'Your clinic no longer exists.');
  const settings = await loadSettings(deps.db, clinic.id);
  // Both halves are checked so that staff see every problem at once.
  const [sourceResult, recipientResult] = await Promise.allSettled([
    resolveFaxSource(deps.db, clinic, treatedBy, body.source),
    resolveRecipient(deps.db, clinic, body.recipient, settings.internationalEnabled),
  ]);
  const failures = [sourceResult, recipientResult].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length === 2) {
    const invalid = failures.filter((f): f is FaxError => f instanceof FaxError && f.code === 'validation-failed');
    if (invalid.length < 2) throw failures.find((f) => !(f instanceof FaxError && f.code === 'validation-failed'));
    throw new FaxError('validation-failed', 'Some fields are not valid. Correct them and try again.', {
      fields: { ...invalid[0]!.fields, ...invalid[1]!.fields },
    });
  }
  const source = (sourceResult as PromiseFulfilledResult<Awaited<ReturnType<typeof resolveFaxSource>>>).value;
  const recipient = (recipientResult as PromiseFulfilledResult<Recipient>).value;
  const sendingNumber = await sendingNumberFor(deps.db, clinic, principal, settings.defaultSendingNumber);
  const senderName = principal.displayName;
  const display = (e164: string | null) => (e164 ? ((parseFaxNumber(e164, clinic.country) as { display?: string }).display ?? e164) : '');
  let cover: CoverSpec | null = null;
  if (body.coverPage.enabled) {
    cover = {
      template: await coverTemplateSource(deps.db, clinic.id, body.coverPage.templateId),
      variables: {
        recipientName: recipient.coverName,
        recipientFaxNumber: recipient.display,
        senderName,
        clinicName: clinic.name,
        sendingNumber: display(sendingNumber),
        subject: body.coverPage.subject ?? '',
        notes: body.coverPage.notes ?? '',
        date: formatCoverDate(at, clinic.time_zone),
        reference,
        callbackNumber: display(settings.callbackNumber ?? (clinic.phone || null)),
        ...(settings.coverPatientFields && {
          patientName: `${source.patient.first_name} ${source.patient.last_name}`,
          patientDateOfBirth: source.patient.date_of_birth,
        }),
      },
    };
  }
  const spec: FaxDocumentSpec = {
    reference,
    clinic: {
      name: clinic.name,
      faxNumber: display(clinic.fax_number || null),
      phone: display(clinic.phone || null),
      timeZone: clinic.time_zone,
    },
    patient: { fullName: `${source.patient.first_name} ${source.patient.last_name}`, dateOfBirth: source.patient.date_of_birth },
    paper: settings.paper,
    resolution: settings.resolution,
    cover,
    planSummary: source.planSummary,
    entries: source.entries,
  };
  return {
    clinic,
    spec,
    recipient,
    patientId: source.patient.id,
    description: source.description,
    sendingNumber,
    senderName,
    retryPolicy: settings.retryPolicy,
    firstTimeNumber: !(await hasFaxedNumberBefore(deps.db, clinic.id, recipient.e164)),
  };
}

/** A fingerprint of what a request would send, ignoring the moment it was made and its reference. */
function specFingerprint(spec: FaxDocumentSpec): string {
  const stable = {
    ...spec,
    reference: '',
    cover: spec.cover ? { ...spec.cover, variables: { ...spec.cover.variables, date: '', reference: '' } } : null,
  };
  return crypto.createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}

async function renderChecked(deps: FaxServiceDeps, spec: FaxDocumentSpec) {
  const rendered = await deps.renderer.render(spec);
  if (rendered.pageCount > MAX_PAGES_PER_FAX) throw pageLimitError(rendered.pageCount);
  return rendered;
}

function recipientChecks(prepared: PreparedFax) {
  return {
    firstTimeNumber: prepared.firstTimeNumber,
    differsFromContact: prepared.recipient.contactFaxNumber !== null && prepared.recipient.contactFaxNumber !== prepared.recipient.e164,
  };
}

// ---- previews ----------------------------------------------------------------------------------

export async function previewFax(deps: FaxServiceDeps, principal: Principal, body: SendFaxBody) {
  const now = deps.clock.now();
  const reference = newFaxReference();
  const prepared = await prepareFax(deps, principal, body, reference, now);
  const rendered = await renderChecked(deps, prepared.spec);
  const row = await deps.db
    .insertInto('fax_previews')
    .values({
      clinic_id: principal.clinicId,
      patient_id: prepared.patientId,
      created_by_staff_id: principal.staffId,
      created_by_api_key_id: principal.apiKeyId,
      request_hash: specFingerprint(prepared.spec),
      reference,
      page_count: rendered.pageCount,
      cover_pages: prepared.spec.cover ? 1 : 0,
      pdf: Buffer.from(rendered.pdf),
      tiff: Buffer.from(rendered.tiff),
      resolution: rendered.resolution,
      pages: rendered.previews.map((p) => Buffer.from(p)),
      spec: JSON.stringify(prepared.spec),
      warnings: JSON.stringify(rendered.warnings),
      expires_at: new Date(now.getTime() + PREVIEW_LIFETIME_MS),
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  await deps.db.deleteFrom('fax_previews').where('expires_at', '<', now).execute();
  return {
    previewId: row.id,
    reference,
    pageCount: rendered.pageCount,
    coverPages: prepared.spec.cover ? 1 : 0,
    pages: rendered.previews.map((_, i) => ({ number: i + 1, url: `/api/fax-previews/${row.id}/pages/${i + 1}` })),
    warnings: rendered.warnings as RenderWarning[],
    recipient: {
      name: prepared.recipient.name,
      coverName: prepared.recipient.coverName,
      faxNumber: prepared.recipient.e164,
      display: prepared.recipient.display,
    },
    checks: recipientChecks(prepared),
    expiresAt: row.expires_at.toISOString(),
  };
}

export async function getPreviewPage(deps: FaxServiceDeps, principal: Principal, previewId: string, pageNumber: number): Promise<Buffer> {
  requirePermission(principal, 'faxes:send');
  const { treatedBy } = requirePermission(principal, 'charts:read');
  const row = await deps.db
    .selectFrom('fax_previews')
    .select(['pages', 'expires_at', 'patient_id'])
    .where('clinic_id', '=', principal.clinicId)
    .where('id', '=', previewId)
    .executeTakeFirst();
  if (!row || row.expires_at < deps.clock.now()) throw new FaxError('not-found', 'This preview has expired. Preview the fax again.');
  if (treatedBy) {
    const link = await deps.db
      .selectFrom('patient_practitioners')
      .select('patient_id')
      .where('patient_id', '=', row.patient_id)
      .where('staff_id', '=', treatedBy)
      .executeTakeFirst();
    if (!link) throw new FaxError('not-found', 'This preview has expired. Preview the fax again.');
  }
  const page = row.pages[pageNumber - 1];
  if (!page) throw new FaxError('not-found', `This preview has no page ${pageNumber}.`);
  return page;
}

// ---- sending -----------------------------------------------------------------------------------

export async function sendFax(deps: FaxServiceDeps, principal: Principal, body: SendFaxBody, options: { resendOf?: string } = {}) {
  requirePermission(principal, 'faxes:send');
  if (body.idempotencyKey) {
    const existing = await findFaxByIdempotencyKey(deps.db, principal.clinicId, body.idempotencyKey);
    if (existing) return toFaxSummary(existing);
  }
  const now = deps.clock.now();
  let reference = newFaxReference();
  let prepared = await prepareFax(deps, principal, body, reference, now);
  let document: {
    pdf: Buffer;
    tiff: Buffer;
    pageCount: number;
    resolution: string;
    pages: Buffer[];
    spec: FaxDocumentSpec;
    coverPages: number;
  } | null = null;

  if (body.previewId) {
    const preview = await deps.db
      .selectFrom('fax_previews')
      .selectAll()
      .where('clinic_id', '=', principal.clinicId)
      .where('id', '=', body.previewId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (preview && preview.request_hash === specFingerprint(prepared.spec)) {
      reference = preview.reference;
      prepared = { ...prepared, spec: preview.spec as FaxDocumentSpec };
      document = {
        pdf: preview.pdf,
        tiff: preview.tiff,
        pageCount: preview.page_count,
        resolution: preview.resolution,
        pages: preview.pages,
        spec: preview.spec as FaxDocumentSpec,
        coverPages: preview.cover_pages,
      };
    }
  }
  if (!document) {
    const rendered = await renderChecked(deps, prepared.spec);
    document = {
      pdf: Buffer.from(rendered.pdf),
      tiff: Buffer.from(rendered.tiff),
      pageCount: rendered.pageCount,
      resolution: rendered.resolution,
      pages: rendered.previews.map((p) => Buffer.from(p)),
      spec: prepared.spec,
      coverPages: prepared.spec.cover ? 1 : 0,
    };
  }
  const connection = await deps.db
    .selectFrom('provider_connections')
    .select(['id', 'provider'])
    .where('clinic_id', '=', principal.clinicId)
    .where('active', '=', true)
    .executeTakeFirst();
  const staff = principal.staffId ? await findStaff(deps.db, principal.clinicId, principal.staffId) : undefined;
  const doc = document;
  const fax = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertFaxUnlessDuplicate(trx, {
      clinic_id: principal.clinicId,
      reference,
      idempotency_key: body.idempotencyKey ?? null,
      status: 'queued',
      patient_id: prepared.patientId,
      source: JSON.stringify(body.source),
      description: prepared.description,
      recipient_name: prepared.recipient.name,
      recipient_fax_number: prepared.recipient.e164,
      contact_id: prepared.recipient.contactId,
      cover: JSON.stringify(body.coverPage),
      purpose: body.purpose ?? 'treatment',
      sender_staff_id: principal.staffId,
      sender_name: prepared.senderName,
      api_key_id: principal.apiKeyId,
      location_id: staff?.location_id ?? null,
      transport: connection?.provider ?? 'test-line',
      connection_id: connection?.id ?? null,
      sending_number: prepared.sendingNumber,
      page_count: doc.pageCount,
      cover_pages: doc.coverPages,
      give_up_at: giveUpTime(prepared.retryPolicy, now),
      resend_of: options.resendOf ?? null,
      next_attempt_at: now,
    });
    if (!inserted) return null;
    await insertFaxDocument(trx, {
      fax_id: inserted.id,
      pdf: doc.pdf,
      tiff: doc.tiff,
      page_count: doc.pageCount,
      resolution: doc.resolution,
      spec: JSON.stringify(doc.spec),
    });
    await insertFaxPages(trx, inserted.id, doc.pages);
    await deps.queue.enqueue(trx, 'send-fax', { faxId: inserted.id });
    return inserted;
  });
  if (!fax) {
    // Another request with the same idempotency key won the race: answer with its fax.
    const existing = await findFaxByIdempotencyKey(deps.db, principal.clinicId, body.idempotencyKey!);
    return toFaxSummary(existing!);
  }
  return toFaxSummary(fax);
}

function toFaxSummary(fax: Fax) {
  return {
    id: fax.id,
    reference: fax.reference,
    status: fax.status as FaxStatus,
    statusLabel: STATUS_LABELS[fax.status as FaxStatus],
    pageCount: fax.page_count,
  };
}

// ---- reading -----------------------------------------------------------------------------------

export function toFaxListItem(fax: Fax & { patient_name?: string }) {
  return {
    ...toFaxSummary(fax),
    patientId: fax.patient_id,
    patientName: fax.patient_name ?? null,
    description: fax.description,
    recipient: { name: fax.recipient_name, faxNumber: fax.recipient_fax_number },
    sender: { staffId: fax.sender_staff_id, name: fax.sender_name },
    pagesDelivered: fax.pages_delivered,
    transport: fax.transport,
    createdAt: fax.created_at.toISOString(),
    finishedAt: fax.finished_at?.toISOString() ?? null,
    nextAttemptAt: fax.next_attempt_at?.toISOString() ?? null,
    failure: fax.failure_cause ? { cause: fax.failure_cause, message: fax.failure_message ?? '' } : null,
  };
}

export interface FaxListQuery {
  status?: string;
  patientId?: string;
  recipient?: string;
  staffId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listFaxes(deps: FaxServiceDeps, principal: Principal, query: FaxListQuery) {
  requirePermission(principal, 'faxes:read');
  const fields: FieldErrors = {};
  const statuses = query.status ? query.status.split(',').map((s) => s.trim()) : undefined;
  const unknown = statuses?.filter((s) => !(FAX_STATUSES as readonly string[]).includes(s));
  if (unknown && unknown.length > 0) fields.status = `Unknown status "${unknown[0]}". Use one of: ${FAX_STATUSES.join(', ')}.`;
  const clinic = await findClinic(deps.db, principal.clinicId);
  Object.assign(fields, checkDateRange(query.from, query.to));
  if (Object.keys(fields).length > 0) throw new FaxError('validation-failed', 'Some filters are not valid.', { fields });
  const tz = clinic?.time_zone ?? 'UTC';
  const { rows, total } = await searchFaxes(deps.db, {
    clinicId: principal.clinicId,
    status: statuses as FaxStatus[] | undefined,
    patientId: query.patientId,
    staffId: query.staffId,
    recipient: query.recipient,
    createdFrom: query.from ? zonedDayRange(query.from, query.from, tz).start : undefined,
    createdBefore: query.to ? zonedDayRange(query.to, query.to, tz).end : undefined,
    limit: query.limit,
    offset: query.offset,
  });
  return { faxes: rows.map(toFaxListItem), total };
}

async function getFaxOrThrow(deps: FaxServiceDeps, principal: Principal, faxId: string): Promise<Fax> {
  requirePermission(principal, 'faxes:read');
  const fax = await findFax(deps.db, principal.clinicId, faxId);
  if (!fax) throw new FaxError('not-found', 'No fax with this id in your clinic.');
  return fax;
}

export async function getFax(deps: FaxServiceDeps, principal: Principal, faxId: string) {
  const fax = await getFaxOrThrow(deps, principal, faxId);
  const attempts = await findAttempts(deps.db, faxId);
  const patient = await deps.db
    .selectFrom('patients')
    .select(['first_name', 'last_name', 'date_of_birth'])
    .where('id', '=', fax.patient_id)
    .executeTakeFirst();
  const received =
    fax.transport === 'test-line'
      ? await deps.db
          .selectFrom('test_line_calls')
          .select(['attempt', 'pages_received', 'remote_station_id'])
          .where('reference', '=', fax.reference)
          .where('pages_received', '>', 0)
          .orderBy('attempt', 'desc')
          .executeTakeFirst()
      : undefined;
  return {
    ...toFaxListItem(fax),
    patient: patient
      ? { id: fax.patient_id, name: `${patient.first_name} ${patient.last_name}`, dateOfBirth: patient.date_of_birth }
      : null,
    source: fax.source as FaxSourceInput,
    cover: fax.cover as SendFaxBody['coverPage'],
    purpose: fax.purpose,
    sendingNumber: fax.sending_number,
    coverPages: fax.cover_pages,
    resendOf: fax.resend_of,
    progress: fax.progress as { pagesSent: number; totalPages: number } | null,
    cancellable: fax.status === 'queued' || fax.status === 'waiting-to-retry' || fax.status === 'rendering',
    documentUrl: `/api/faxes/${fax.id}/document`,
    pages: Array.from({ length: fax.page_count }, (_, i) => ({ number: i + 1, url: `/api/faxes/${fax.id}/pages/${i + 1}` })),
    received: received
      ? {
          attempt: received.attempt,
          pages: Array.from({ length: received.pages_received }, (_, i) => ({
            number: i + 1,
            url: `/api/faxes/${fax.id}/received/pages/${i + 1}`,
          })),
          remoteStationId: received.remote_station_id,
        }
      : null,
    attempts: attempts.map((a) => ({
      number: a.attempt_number,
      transport: a.transport,
      status: a.status,
      startedAt: a.started_at.toISOString(),
      endedAt: a.ended_at?.toISOString() ?? null,
      firstPage: a.first_page,
      pagesInAttempt: a.pages_in_attempt,
      pagesTransmitted: a.pages_transmitted,
      providerFaxId: a.provider_fax_id,
      rawCode: a.raw_code,
      rawMessage: a.raw_message,
      cause: a.cause,
      explanation: a.explanation,
      nextRetryAt: a.next_retry_at?.toISOString() ?? null,
      remoteStationId: a.remote_station_id,
      bitRate: a.bit_rate,
      durationSeconds: a.duration_seconds,
    })),
  };
}

export async function getFaxDocumentPdf(
  deps: FaxServiceDeps,
  principal: Principal,
  faxId: string,
): Promise<{ pdf: Buffer; reference: string }> {
  const fax = await getFaxOrThrow(deps, principal, faxId);
  const doc = await findFaxDocument(deps.db, faxId);
  if (!doc) throw new FaxError('not-found', 'This fax has no stored document.');
  return { pdf: doc.pdf, reference: fax.reference };
}

export async function getFaxPagePng(deps: FaxServiceDeps, principal: Principal, faxId: string, pageNumber: number): Promise<Buffer> {
  await getFaxOrThrow(deps, principal, faxId);
  const png = await findFaxPage(deps.db, faxId, pageNumber);
  if (!png) throw new FaxError('not-found', `This fax has no page ${pageNumber}.`);
  return png;
}

/** What the test line's virtual fax machine printed: one page as PNG, for viewing beside the document as sent. */
export async function getReceivedPagePng(deps: FaxServiceDeps, principal: Principal, faxId: string, pageNumber: number): Promise<Buffer> {
  const tiff = await getReceivedTiff(deps, principal, faxId);
  const pages = (await sharp(tiff).metadata()).pages ?? 1;
  if (pageNumber > pages)
    throw new FaxError('not-found', `The receiving machine printed ${pages} page(s); there is no page ${pageNumber}.`);
  return sharp(tiff, { page: pageNumber - 1 })
    .png({ palette: true, colours: 2 })
    .toBuffer();
}

async function getReceivedTiff(deps: FaxServiceDeps, principal: Principal, faxId: string): Promise<Buffer> {
  const fax = await getFaxOrThrow(deps, principal, faxId);
  const call = await deps.db
    .selectFrom('test_line_calls')
    .select('received_tiff')
    .where('reference', '=', fax.reference)
    .where('received_tiff', 'is not', null)
    .orderBy('attempt', 'desc')
    .executeTakeFirst();
  if (!call?.received_tiff) throw new FaxError('not-found', 'The receiving machine has not printed anything for this fax.');
  return call.received_tiff;
}

// ---- cancel and resend -------------------------------------------------------------------------

export async function cancelFax(deps: FaxServiceDeps, principal: Principal, faxId: string) {
  requirePermission(principal, 'faxes:send');
  await cancelFaxInEngine(deps, principal.clinicId, faxId);
  return getFax(deps, principal, faxId);
}

export async function resendFax(
  deps: FaxServiceDeps,
  principal: Principal,
  faxId: string,
  input: { faxNumber?: string; recipientName?: string; idempotencyKey?: string },
) {
  requirePermission(principal, 'faxes:send');
  const original = await getFaxOrThrow(deps, principal, faxId);
  if (!isFinal(original.status as FaxStatus)) {
    throw new FaxError('conflict', 'This fax is still in progress. Wait for it to finish (or cancel it) before sending it again.');
  }
  const body: SendFaxBody = {
    source: original.source as FaxSourceInput,
    recipient: { name: input.recipientName ?? original.recipient_name, faxNumber: input.faxNumber ?? original.recipient_fax_number },
    coverPage: original.cover as SendFaxBody['coverPage'],
    purpose: original.purpose as FaxPurpose,
    ...(input.idempotencyKey && { idempotencyKey: input.idempotencyKey }),
  };
  return sendFax(deps, principal, body, { resendOf: original.id });
}
