/**
 * The fax engine: one attempt at a time, idempotent at every step, safe with any number of workers.
 *
 * Every step starts by locking the fax row and re-reading it, so a duplicated or late job finds the
 * fax already advanced and leaves. An attempt row is written (with a lease) before anything is
 * transmitted; if the worker dies, the next one to look after the lease ran out asks the transport
 * about that attempt by our reference before it sends anything again.
 */
import type { FaxDocumentSpec } from '../core/fax-document';
import { FaxError, isFailureCause, type FailureCause } from '../core/errors';
import { isFinal, transition, type FaxEvent, type FaxStatus } from '../core/fax-state';
import { decideRetry, explainAttempt, retryPolicyFromSettings, type RetryDecision } from '../core/retry-policy';
import type { FaxTransport, TransportReport } from '../core/transport';
import { isTransportError } from '../core/transport-error';
import type { Executor } from '../db/connection';
import { findClinic } from '../db/repositories/clinics';
import {
  findAttempts,
  findFaxDocument,
  findOpenAttempt,
  findStalledFaxes,
  insertAttempt,
  lockFax,
  updateAttempt,
  updateFax,
} from '../db/repositories/faxes';
import type { Fax, FaxAttempt } from '../db/schema';
import type { Renderer } from '../render';
import { queueStatusWebhooks, recordFaxOutcome } from './fax-outcome-records';
import type { JobDeps } from './job-deps';

/** Attempts interrupted by a crash are retried at once; they say nothing about the line. */
const INTERRUPTED = 'interrupted';
/** How soon an attempt of unknown outcome is looked up at the transport. */
export const UNKNOWN_OUTCOME_RECHECK_MS = 30_000;

export interface EngineDeps extends JobDeps {
  renderer: Renderer;
  /** The transport a fax was (or will be) sent through. */
  resolveTransport(fax: Fax): Promise<FaxTransport>;
  /** How long an attempt may run before another worker may take it over. */
  attemptLeaseMs: number;
  /** How often an asynchronous transport is polled while webhooks are silent. */
  pollIntervalMs: number;
}

type Step = { kind: 'nothing' } | { kind: 'send'; fax: Fax; attempt: FaxAttempt } | { kind: 'look-up'; fax: Fax; attempt: FaxAttempt };

function move(status: FaxStatus, event: FaxEvent): FaxStatus {
  const result = transition(status, event);
  if (!result.ok) throw new Error(`Illegal fax transition from ${status} on ${event.type}: ${result.reason}`);
  return result.status;
}

async function clinicTimeZone(db: Executor, clinicId: string): Promise<string> {
  return (await findClinic(db, clinicId))?.time_zone ?? 'UTC';
}

async function loadRetryPolicy(db: Executor, clinicId: string) {
  const row = await db.selectFrom('clinic_fax_settings').select('retry_policy').where('clinic_id', '=', clinicId).executeTakeFirst();
  return retryPolicyFromSettings(row?.retry_policy ?? null);
}

/**
 * Decide and claim the next step for a fax. Runs in one short transaction holding the fax's row lock.
 */
async function claimNextStep(deps: EngineDeps, faxId: string): Promise<Step> {
  return deps.db.transaction().execute(async (trx) => {
    const fax = await lockFax(trx, faxId);
    if (!fax || isFinal(fax.status)) return { kind: 'nothing' };
    const now = deps.clock.now();
    const open = await findOpenAttempt(trx, faxId);
    if (open) {
      if (open.status === 'submitted') return { kind: 'nothing' }; // the provider has it: webhooks and polling take over
      if (open.status === 'sending' && open.lease_expires_at && open.lease_expires_at > now) {
        // Another worker holds the attempt. If it has died, look again once its lease runs out.
        await deps.queue.enqueue(
          trx,
          'send-fax',
          { faxId },
          { startAfter: new Date(open.lease_expires_at.getTime() + 1000), singletonKey: `lease:${faxId}:${open.attempt_number}` },
        );
        return { kind: 'nothing' };
      }
      return { kind: 'look-up', fax, attempt: open };
    }
    if (fax.status !== 'queued' && fax.status !== 'waiting-to-retry') {
      // An attempt ended but the fax was left mid-way (crash between two writes): schedule again.
      await updateFax(trx, faxId, { status: 'waiting-to-retry', next_attempt_at: now });
      await deps.queue.enqueue(trx, 'send-fax', { faxId });
      return { kind: 'nothing' };
    }
    if (fax.next_attempt_at && fax.next_attempt_at > now) return { kind: 'nothing' };
    if (now > fax.give_up_at) {
      await finish(
        trx,
        deps,
        fax,
        { type: 'expired', pagesDelivered: fax.pages_delivered },
        {
          cause: (fax.failure_cause as FailureCause | null) ?? 'unknown',
          message: fax.failure_message ?? 'Chartfax stopped trying: the retry window closed before the fax could be sent.',
        },
      );
      return { kind: 'nothing' };
    }
    const firstPage = continuationStart(fax);
    const attempt = await insertAttempt(trx, {
      fax_id: faxId,
      attempt_number: fax.attempt_count + 1,
      transport: fax.transport,
      status: 'sending',
      started_at: now,
      lease_expires_at: new Date(now.getTime() + deps.attemptLeaseMs),
      first_page: firstPage,
      pages_in_attempt: fax.page_count - firstPage + 1,
    });
    const status = move(fax.status, { type: 'prepare' });
    await updateFax(trx, faxId, { status, attempt_count: attempt.attempt_number, next_attempt_at: null, progress: null });
    await queueStatusWebhooks(trx, deps, { clinicId: fax.clinic_id, faxId, status, occurredAt: now });
    return { kind: 'send', fax: { ...fax, status, attempt_count: attempt.attempt_number }, attempt };
  });
}

/**
 * First page a new attempt sends. Only transports that report partial progress can resume, and only
 * when the earlier attempts got the cover and some pages through.
 */
function continuationStart(fax: Fax): number {
  if (fax.pages_delivered <= 0 || fax.pages_delivered >= fax.page_count) return 1;
  return fax.transport === 'test-line' ? fax.pages_delivered + 1 : 1;
}

async function documentForAttempt(deps: EngineDeps, fax: Fax, attempt: FaxAttempt) {
  const stored = await findFaxDocument(deps.db, fax.id);
  if (!stored) throw new FaxError('document-error', 'The document of this fax is missing. Send it again from the chart.');
  if (attempt.first_page === 1) {
    return { pdf: new Uint8Array(stored.pdf), tiff: new Uint8Array(stored.tiff), pageCount: stored.page_count };
  }
  const rendered = await deps.renderer.render(stored.spec as FaxDocumentSpec, {
    continuation: { firstPage: attempt.first_page, lastPage: fax.page_count, totalPages: fax.page_count },
  });
  return { pdf: rendered.pdf, tiff: rendered.tiff, pageCount: rendered.pageCount };
}

/** Run one job for a fax: start an attempt, or find out how an interrupted one ended. */
export async function advanceFax(deps: EngineDeps, faxId: string): Promise<void> {
  const step = await claimNextStep(deps, faxId);
  if (step.kind === 'nothing') return;
  if (step.kind === 'look-up') return lookUpAttempt(deps, step.fax, step.attempt);

  const { fax, attempt } = step;
  let transport: FaxTransport;
  let document;
  try {
    transport = await deps.resolveTransport(fax);
    document = await documentForAttempt(deps, fax, attempt);
  } catch (error) {
    return applyAttemptError(deps, fax.id, attempt.id, error);
  }
  const sending = await deps.db.transaction().execute(async (trx) => {
    const current = await lockFax(trx, fax.id);
    if (!current || current.status !== 'rendering') return false; // cancelled while the pages were prepared
    await updateFax(trx, fax.id, { status: move('rendering', { type: 'transmit' }) });
    await queueStatusWebhooks(trx, deps, { clinicId: fax.clinic_id, faxId: fax.id, status: 'sending', occurredAt: deps.clock.now() });
    return true;
  });
  if (!sending) {
    await updateAttempt(deps.db, attempt.id, {
      status: 'failed',
      ended_at: deps.clock.now(),
      lease_expires_at: null,
      cause: 'cancelled',
      explanation: 'Cancelled before transmission started.',
    });
    return;
  }
  let report: TransportReport;
  try {
    report = await transport.submit({
      faxId: fax.id,
      reference: fax.reference,
      attempt: attempt.attempt_number,
      toNumber: fax.recipient_fax_number,
      fromNumber: fax.sending_number,
      recipientName: fax.recipient_name,
      document,
    });
  } catch (error) {
    return applyAttemptError(deps, fax.id, attempt.id, error);
  }
  await applyReport(deps, fax.id, attempt.id, report);
}

/** After a crash or an ambiguous answer: ask the transport before anything is sent again. */
async function lookUpAttempt(deps: EngineDeps, fax: Fax, attempt: FaxAttempt): Promise<void> {
  let report: TransportReport | null;
  try {
    const transport = await deps.resolveTransport(fax);
    report = await transport.findByReference(fax.reference, attempt.attempt_number);
  } catch {
    // The transport cannot answer now: look again later, never send blind.
    await deps.db.transaction().execute(async (trx) => {
      await updateAttempt(trx, attempt.id, {
        status: 'unknown',
        lease_expires_at: new Date(deps.clock.now().getTime() + UNKNOWN_OUTCOME_RECHECK_MS),
      });
      await deps.queue.enqueue(
        trx,
        'send-fax',
        { faxId: fax.id },
        { startAfter: new Date(deps.clock.now().getTime() + UNKNOWN_OUTCOME_RECHECK_MS) },
      );
    });
    return;
  }
  if (report) return applyReport(deps, fax.id, attempt.id, report);
  // The transport never got this attempt: it was interrupted before the call. Try again now.
  await applyFailure(deps, fax.id, attempt.id, {
    cause: 'unknown',
    rawCode: INTERRUPTED,
    rawMessage: 'The attempt was interrupted before it reached the transport.',
    pagesTransmitted: 0,
    explanation: 'Chartfax was interrupted before this attempt reached the line; it is trying again now.',
  });
}

async function applyAttemptError(deps: EngineDeps, faxId: string, attemptId: string, error: unknown): Promise<void> {
  if (isTransportError(error)) {
    const ambiguous = error.failure.cause === 'provider-outage';
    if (ambiguous) return markUnknown(deps, faxId, attemptId, error.failure.rawCode, error.failure.rawMessage);
    return applyFailure(deps, faxId, attemptId, {
      cause: error.failure.cause,
      rawCode: error.failure.rawCode,
      rawMessage: error.failure.rawMessage,
      retryAfterSeconds: error.failure.retryAfterSeconds,
      pagesTransmitted: 0,
      explanation: error.userMessage,
    });
  }
  if (error instanceof FaxError && isFailureCause(error.code)) {
    if (error.code === 'provider-outage') return markUnknown(deps, faxId, attemptId, null, error.message);
    return applyFailure(deps, faxId, attemptId, {
      cause: error.code,
      rawCode: null,
      rawMessage: error.message,
      pagesTransmitted: 0,
      explanation: error.userMessage,
    });
  }
  if (error instanceof FaxError && error.code === 'not-configured') {
    return applyFailure(deps, faxId, attemptId, {
      cause: 'account-error',
      rawCode: null,
      rawMessage: error.message,
      pagesTransmitted: 0,
      explanation: error.userMessage,
    });
  }
  throw error; // database trouble and bugs: pg-boss retries the job, and the lease protects the attempt
}

/** The transport may or may not have the fax: record that and look it up shortly. */
async function markUnknown(
  deps: EngineDeps,
  faxId: string,
  attemptId: string,
  rawCode: string | null,
  rawMessage: string | null,
): Promise<void> {
  const recheckAt = new Date(deps.clock.now().getTime() + UNKNOWN_OUTCOME_RECHECK_MS);
  await deps.db.transaction().execute(async (trx) => {
    await lockFax(trx, faxId);
    await updateAttempt(trx, attemptId, { status: 'unknown', raw_code: rawCode, raw_message: rawMessage, lease_expires_at: recheckAt });
    await deps.queue.enqueue(trx, 'send-fax', { faxId }, { startAfter: recheckAt });
  });
}

interface FailureInput {
  cause: FailureCause;
  rawCode: string | null;
  rawMessage: string | null;
  retryAfterSeconds?: number;
  pagesTransmitted: number;
  explanation: string | null;
}

/** Apply a transport's report about an attempt (from submit, a look-up, polling or a webhook). */
export async function applyReport(deps: EngineDeps, faxId: string, attemptId: string, report: TransportReport): Promise<void> {
  if (report.status === 'delivered') return applyDelivered(deps, faxId, attemptId, report);
  if (report.status === 'failed' || report.status === 'partially-delivered') {
    return applyFailure(deps, faxId, attemptId, {
      cause: report.failure?.cause ?? 'unknown',
      rawCode: report.failure?.rawCode ?? null,
      rawMessage: report.failure?.rawMessage ?? null,
      retryAfterSeconds: report.failure?.retryAfterSeconds,
      pagesTransmitted: report.pagesTransmitted,
      explanation: null,
      report,
    });
  }
  // Accepted or in progress at an asynchronous provider: remember its id and wait for news.
  await deps.db.transaction().execute(async (trx) => {
    const fax = await lockFax(trx, faxId);
    const attempt = await findOpenAttempt(trx, faxId);
    if (!fax || !attempt || attempt.id !== attemptId) return;
    await updateAttempt(trx, attemptId, {
      status: 'submitted',
      provider_fax_id: report.providerFaxId,
      pages_transmitted: report.pagesTransmitted,
      lease_expires_at: null,
    });
    if (fax.status === 'rendering') await updateFax(trx, faxId, { status: 'sending' });
    await deps.queue.enqueue(trx, 'reconcile-fax', { faxId }, { startAfter: new Date(deps.clock.now().getTime() + deps.pollIntervalMs) });
  });
}

function reportDetails(report: TransportReport | undefined) {
  return {
    provider_fax_id: report?.providerFaxId ?? null,
    remote_station_id: report?.remoteStationId ?? null,
    bit_rate: report?.negotiatedBitRate ?? null,
    duration_seconds: report?.durationSeconds ?? null,
  };
}

async function applyDelivered(deps: EngineDeps, faxId: string, attemptId: string, report: TransportReport): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const fax = await lockFax(trx, faxId);
    const attempt = await findOpenAttempt(trx, faxId);
    if (!fax || isFinal(fax.status) || !attempt || attempt.id !== attemptId) return; // already applied
    const now = deps.clock.now();
    await updateAttempt(trx, attemptId, {
      status: 'delivered',
      ended_at: report.completedAt ?? now,
      lease_expires_at: null,
      pages_transmitted: report.pagesTransmitted,
      explanation:
        attempt.first_page > 1 ? `Delivered pages ${attempt.first_page}–${fax.page_count} after a continuation cover.` : 'Delivered.',
      ...reportDetails(report),
    });
    // A look-up after a crash can find a delivered call for a fax still marked as preparing its pages:
    // transmission did start, so it passes through 'sending' on the way.
    const transmitting: FaxStatus = fax.status === 'rendering' ? move('rendering', { type: 'transmit' }) : fax.status;
    const status = move(transmitting, { type: 'delivered' });
    await updateFax(trx, faxId, {
      status,
      pages_delivered: fax.page_count,
      finished_at: now,
      failure_cause: null,
      failure_message: null,
      progress: null,
    });
    await recordFaxOutcome(trx, deps, { faxId, status: 'delivered', pagesDelivered: fax.page_count, occurredAt: now });
  });
}

async function applyFailure(
  deps: EngineDeps,
  faxId: string,
  attemptId: string,
  failure: FailureInput & { report?: TransportReport },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const fax = await lockFax(trx, faxId);
    const attempt = await findOpenAttempt(trx, faxId);
    if (!fax || isFinal(fax.status) || !attempt || attempt.id !== attemptId) return;
    const now = deps.clock.now();
    const interrupted = failure.rawCode === INTERRUPTED;
    // Pages of the original document that have reached the recipient over all attempts. A
    // continuation attempt's first transmitted page is its continuation cover.
    const originalPagesThisAttempt = attempt.first_page > 1 ? Math.max(0, failure.pagesTransmitted - 1) : failure.pagesTransmitted;
    const pagesDelivered = Math.max(fax.pages_delivered, attempt.first_page - 1 + originalPagesThisAttempt);
    const timeZone = await clinicTimeZone(trx, fax.clinic_id);
    let decision: RetryDecision;
    if (interrupted) {
      decision = now <= fax.give_up_at ? { retry: true, at: now } : { retry: false, reason: 'out-of-time' };
    } else {
      const earlier = (await findAttempts(trx, faxId)).filter(
        (a) => a.id !== attemptId && a.cause && a.raw_code !== INTERRUPTED && isFailureCause(a.cause),
      );
      decision = decideRetry(
        await loadRetryPolicy(trx, fax.clinic_id),
        { cause: failure.cause, endedAt: now, retryAfterSeconds: failure.retryAfterSeconds },
        earlier.map((a) => a.cause as FailureCause),
        fax.give_up_at,
      );
    }
    const explanation =
      interrupted && failure.explanation ? failure.explanation : explainAttempt(failure.cause, decision, timeZone, failure.explanation);
    await updateAttempt(trx, attemptId, {
      status: 'failed',
      ended_at: failure.report?.completedAt ?? now,
      lease_expires_at: null,
      pages_transmitted: failure.pagesTransmitted,
      cause: failure.cause,
      raw_code: failure.rawCode,
      raw_message: failure.rawMessage,
      explanation,
      next_retry_at: decision.retry ? decision.at : null,
      ...reportDetails(failure.report),
    });
    if (decision.retry) {
      const status = move(fax.status, { type: 'retry-scheduled' });
      await updateFax(trx, faxId, {
        status,
        pages_delivered: pagesDelivered,
        next_attempt_at: decision.at,
        failure_cause: failure.cause,
        failure_message: explanation,
        progress: null,
      });
      await deps.queue.enqueue(trx, 'send-fax', { faxId }, { startAfter: decision.at });
      await queueStatusWebhooks(trx, deps, { clinicId: fax.clinic_id, faxId, status, occurredAt: now });
      return;
    }
    await finish(
      trx,
      deps,
      { ...fax, pages_delivered: pagesDelivered },
      { type: 'failed', pagesDelivered },
      { cause: failure.cause, message: explanation },
    );
    if (failure.cause === 'account-error') await alertAdminsOfAccountError(trx, fax, now);
  });
}

async function finish(
  trx: Executor,
  deps: EngineDeps,
  fax: Fax,
  event: FaxEvent & { pagesDelivered: number },
  why: { cause: FailureCause; message: string },
) {
  const now = deps.clock.now();
  const status = move(fax.status, event);
  await updateFax(trx, fax.id, {
    status,
    pages_delivered: event.pagesDelivered,
    finished_at: now,
    next_attempt_at: null,
    failure_cause: why.cause,
    failure_message: why.message,
    progress: null,
  });
  await recordFaxOutcome(trx, deps, {
    faxId: fax.id,
    status: status as 'failed' | 'partially-delivered' | 'expired',
    pagesDelivered: event.pagesDelivered,
    occurredAt: now,
  });
}

/**
 * Account problems need an owner or admin; they hear about it once per transport account, and
 * Settings → Integrations shows the connection as refused until it is reconnected.
 */
async function alertAdminsOfAccountError(trx: Executor, fax: Fax, now: Date): Promise<void> {
  if (fax.connection_id) {
    await trx
      .updateTable('provider_connections')
      .set({ account_error_at: now })
      .where('id', '=', fax.connection_id)
      .where('account_error_at', 'is', null)
      .execute();
  }
  await trx
    .insertInto('notifications')
    .values({
      clinic_id: fax.clinic_id,
      audience: 'admins',
      staff_id: null,
      kind: 'account-error',
      dedupe_key: `account-error:${fax.connection_id ?? fax.transport}:${now.toISOString().slice(0, 10)}`,
      title: 'Faxes are failing: the fax provider refused the clinic account',
      body: 'The fax provider refused Chartfax’s credentials or the account is suspended. Check Settings → Integrations and reconnect; faxes that failed can be resent from the fax history.',
    })
    .onConflict((oc) => oc.columns(['clinic_id', 'dedupe_key']).doNothing())
    .execute();
}

/** Cancel on request: allowed until transmission starts. */
export async function cancelFax(deps: Pick<EngineDeps, 'db' | 'clock' | 'queue'>, clinicId: string, faxId: string): Promise<Fax> {
  return deps.db.transaction().execute(async (trx) => {
    const fax = await lockFax(trx, faxId);
    if (!fax || fax.clinic_id !== clinicId) throw new FaxError('not-found', 'No fax with this id in your clinic.');
    const result = transition(fax.status, { type: 'cancel' });
    if (!result.ok) throw new FaxError('conflict', `This fax cannot be cancelled: ${result.reason}`);
    const now = deps.clock.now();
    const open = await findOpenAttempt(trx, faxId);
    if (open) {
      await updateAttempt(trx, open.id, {
        status: 'failed',
        ended_at: now,
        lease_expires_at: null,
        cause: 'cancelled',
        explanation: 'Cancelled before transmission started.',
      });
    }
    await updateFax(trx, faxId, {
      status: 'cancelled',
      finished_at: now,
      next_attempt_at: null,
      failure_cause: 'cancelled',
      failure_message: 'Cancelled by staff before it was sent.',
    });
    await recordFaxOutcome(trx, deps, { faxId, status: 'cancelled', pagesDelivered: fax.pages_delivered, occurredAt: now });
    return { ...fax, status: 'cancelled' as const };
  });
}

/** Poll an asynchronous transport about a submitted attempt (when webhooks stay silent). */
export async function reconcileFax(deps: EngineDeps, faxId: string): Promise<void> {
  const fax = await deps.db.selectFrom('faxes').selectAll().where('id', '=', faxId).executeTakeFirst();
  if (!fax || isFinal(fax.status)) return;
  const attempt = await findOpenAttempt(deps.db, faxId);
  if (!attempt || attempt.status !== 'submitted' || !attempt.provider_fax_id) return;
  let report: TransportReport;
  try {
    report = await (await deps.resolveTransport(fax)).getStatus(attempt.provider_fax_id);
  } catch {
    report = { providerFaxId: attempt.provider_fax_id, status: 'sending', pagesTransmitted: attempt.pages_transmitted, failure: null };
  }
  if (report.status === 'accepted' || report.status === 'sending') {
    await deps.queue.enqueue(
      deps.db,
      'reconcile-fax',
      { faxId },
      { startAfter: new Date(deps.clock.now().getTime() + deps.pollIntervalMs) },
    );
    return;
  }
  await applyReport(deps, faxId, attempt.id, report);
}

/** Apply a provider event to the attempt it is about; late or duplicated events change nothing. */
export async function applyProviderReport(
  deps: EngineDeps,
  transport: string,
  report: TransportReport,
): Promise<'applied' | 'unknown-fax' | 'stale'> {
  const attempt = await deps.db
    .selectFrom('fax_attempts')
    .selectAll()
    .where('transport', '=', transport)
    .where('provider_fax_id', '=', report.providerFaxId)
    .executeTakeFirst();
  if (!attempt) return 'unknown-fax';
  if (attempt.status !== 'submitted' && attempt.status !== 'sending' && attempt.status !== 'unknown') return 'stale';
  if (report.status === 'accepted' || report.status === 'sending') {
    if (report.pagesTransmitted > attempt.pages_transmitted)
      await updateAttempt(deps.db, attempt.id, { pages_transmitted: report.pagesTransmitted });
    return 'applied';
  }
  await applyReport(deps, attempt.fax_id, attempt.id, report);
  return 'applied';
}

/** Find faxes whose work stopped moving and put them back on the queue. */
export async function runWatchdog(deps: EngineDeps): Promise<number> {
  const stalled = await findStalledFaxes(deps.db, deps.clock.now(), 500);
  for (const row of stalled) {
    const job = row.attempt_status === 'submitted' ? 'reconcile-fax' : 'send-fax';
    await deps.queue.enqueue(deps.db, job, { faxId: row.id }, { singletonKey: `watchdog:${row.id}` });
  }
  return stalled.length;
}
