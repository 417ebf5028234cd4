/**
 * What Chartfax records when a fax changes status, written inside the fax engine's own transaction so
 * the records exist exactly when the status does: usage, the accounting of disclosures, the patient's
 * chart history, allowance notices, and outgoing webhooks to host systems.
 *
 * Every insert is keyed on the fax (unique fax_id, ON CONFLICT DO NOTHING), so a job that runs twice
 * records once.
 */
import crypto from 'node:crypto';
import { dateInZone } from '../core/dates';
import { describeOutcome, patientHistoryLine, retainUntil } from '../core/disclosure-text';
import { displayFaxNumber } from '../core/phone-numbers';
import {
  allowanceNotice,
  allowanceThresholdReached,
  billablePages,
  summarizeAllowance,
  usagePeriodOf,
  type FinalFaxStatus,
} from '../core/usage';
import type { Executor } from '../db/connection';
import { findClinic } from '../db/repositories/clinics';
import { insertDisclosure } from '../db/repositories/disclosures';
import { ensureFaxSettings } from '../db/repositories/fax-settings';
import { findFaxById } from '../db/repositories/faxes';
import { insertNotificationOnce } from '../db/repositories/notifications';
import { insertFaxHistoryLine } from '../db/repositories/patient-history';
import { insertUsageRecord, lockClinicUsage, sumMonthPages } from '../db/repositories/usage';
import { findActiveWebhookEndpoints, insertWebhookDelivery } from '../db/repositories/webhooks';
import type { Fax } from '../db/schema';
import type { JobDeps } from './job-deps';

export interface FaxOutcome {
  faxId: string;
  status: FinalFaxStatus;
  /** Pages that reached the recipient, cover pages included. */
  pagesDelivered: number;
  occurredAt: Date;
}

/** The one event type host systems receive. */
export const FAX_STATUS_CHANGED = 'fax.status_changed';

/**
 * What a host system receives: ids, statuses and counts only — never names, numbers or chart text,
 * so a webhook log on the host's side holds no PHI.
 */
export interface FaxStatusWebhookPayload {
  id: string;
  type: typeof FAX_STATUS_CHANGED;
  occurredAt: string;
  data: {
    faxId: string;
    reference: string;
    status: string;
    pagesDelivered: number;
    pageCount: number;
    failureCause: string | null;
  };
}

/**
 * Record a fax's final outcome. The engine calls this inside the transaction that sets the final
 * status (after updating the fax row).
 */
export async function recordFaxOutcome(trx: Executor, deps: Pick<JobDeps, 'clock' | 'queue'>, outcome: FaxOutcome): Promise<void> {
  const fax = await findFaxById(trx, outcome.faxId);
  if (!fax) return;
  const clinic = await findClinic(trx, fax.clinic_id);
  if (!clinic) return;
  const timeZone = clinic.time_zone;
  const pages = billablePages(outcome.status, outcome.pagesDelivered);
  const outcomeText = describeOutcome({
    status: outcome.status,
    pagesDelivered: outcome.pagesDelivered,
    pageCount: fax.page_count,
    failureCause: fax.failure_cause,
    failureMessage: fax.failure_message,
  });

  if (pages > 0) {
    await recordUsage(trx, deps, fax, pages, outcome.occurredAt, timeZone);
  }
  if (outcome.status === 'delivered' || outcome.status === 'partially-delivered') {
    await insertDisclosure(trx, {
      clinic_id: fax.clinic_id,
      patient_id: fax.patient_id,
      fax_id: fax.id,
      disclosed_at: outcome.occurredAt,
      recipient_name: fax.recipient_name,
      recipient_fax_number: fax.recipient_fax_number,
      description: fax.description,
      purpose: fax.purpose,
      sender_name: fax.sender_name,
      pages: outcome.pagesDelivered,
      outcome: outcomeText,
      retain_until: retainUntil(dateInZone(outcome.occurredAt, timeZone)),
    });
  }
  await insertFaxHistoryLine(trx, {
    clinicId: fax.clinic_id,
    patientId: fax.patient_id,
    faxId: fax.id,
    occurredAt: outcome.occurredAt,
    text: patientHistoryLine({
      description: fax.description,
      recipientName: fax.recipient_name,
      recipientNumberDisplay: displayFaxNumber(fax.recipient_fax_number),
      outcome: outcomeText,
    }),
  });
  await queueWebhooksForFax(trx, deps, fax, outcome.status, outcome.occurredAt, outcome.pagesDelivered);
}

async function recordUsage(
  trx: Executor,
  deps: Pick<JobDeps, 'clock' | 'queue'>,
  fax: Fax,
  pages: number,
  at: Date,
  timeZone: string,
): Promise<void> {
  await lockClinicUsage(trx, fax.clinic_id);
  const period = usagePeriodOf(at, timeZone);
  const inserted = await insertUsageRecord(trx, {
    faxId: fax.id,
    clinicId: fax.clinic_id,
    countedAt: at,
    month: period.month,
    day: period.day,
    pages,
    staffId: fax.sender_staff_id,
    locationId: fax.location_id,
  });
  if (!inserted) return;
  const settings = await ensureFaxSettings(trx, fax.clinic_id);
  const used = await sumMonthPages(trx, fax.clinic_id, period.month);
  const threshold = allowanceThresholdReached(settings.monthly_page_allowance, used);
  if (threshold === null) return;
  const summary = summarizeAllowance(settings.monthly_page_allowance, used, settings.overage_cents_per_page);
  const notice = allowanceNotice(threshold, summary, period.month, settings.overage_cents_per_page);
  const notificationId = await insertNotificationOnce(trx, {
    clinicId: fax.clinic_id,
    audience: 'admins',
    staffId: null,
    kind: notice.kind,
    dedupeKey: notice.dedupeKey,
    title: notice.title,
    body: notice.body,
    createdAt: deps.clock.now(),
  });
  if (notificationId) await deps.queue.enqueue(trx, 'email-notification', { notificationId });
}

/**
 * Queue a `fax.status_changed` delivery to each of the clinic's webhook endpoints. The engine calls
 * this for status changes that are not final (queued, sending, waiting-to-retry); final ones go
 * through recordFaxOutcome. Call it after the fax row is updated, in the same transaction.
 */
export async function queueStatusWebhooks(
  trx: Executor,
  deps: Pick<JobDeps, 'clock' | 'queue'>,
  change: { clinicId: string; faxId: string; status: string; occurredAt: Date },
): Promise<void> {
  const fax = await findFaxById(trx, change.faxId);
  if (!fax || fax.clinic_id !== change.clinicId) return;
  await queueWebhooksForFax(trx, deps, fax, change.status, change.occurredAt, fax.pages_delivered);
}

async function queueWebhooksForFax(
  trx: Executor,
  deps: Pick<JobDeps, 'clock' | 'queue'>,
  fax: Fax,
  status: string,
  occurredAt: Date,
  pagesDelivered: number,
): Promise<void> {
  const endpoints = await findActiveWebhookEndpoints(trx, fax.clinic_id);
  for (const endpoint of endpoints) {
    const id = crypto.randomUUID();
    const payload: FaxStatusWebhookPayload = {
      id,
      type: FAX_STATUS_CHANGED,
      occurredAt: occurredAt.toISOString(),
      data: {
        faxId: fax.id,
        reference: fax.reference,
        status,
        pagesDelivered,
        pageCount: fax.page_count,
        failureCause: status === 'delivered' ? null : fax.failure_cause,
      },
    };
    await insertWebhookDelivery(trx, {
      id,
      clinicId: fax.clinic_id,
      endpointId: endpoint.id,
      faxId: fax.id,
      event: FAX_STATUS_CHANGED,
      payload,
      createdAt: deps.clock.now(),
    });
    await deps.queue.enqueue(trx, 'deliver-webhook', { deliveryId: id });
  }
}
