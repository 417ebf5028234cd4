/**
 * The test line: Chartfax's default transport. Each submission is a real T.30 fax call (spandsp,
 * V.17/V.29/V.27ter modems, ECM) over a simulated phone line to a virtual receiving fax machine,
 * made by the native helper in native/fax-line. The call completes inside submit(); what the
 * virtual machine printed is kept in the call store, so a delivered fax can be compared with what
 * was sent.
 *
 * Numbers in the fictional 555-01xx block choose the line's behaviour (scripted-numbers.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FaxError } from '../../core/errors';
import type { FaxTransport, TransportFailure, TransportReport, TransportSubmission } from '../../core/transport';
import type { TestLineCallRecord, TestLineCallStore } from './call-store';
import { failureCauseFor, rawT30Code } from './completion-codes';
import { FaxLineHelperError, isPageEvent, runFaxLine, type FaxLineResult } from './fax-line-helper';
import { helperArgsFor, isDialableNumber, remoteStationIdFor, scriptedNumberFor, type LineScenario } from './scripted-numbers';

/** Wall-clock limit for one call. Calls run hundreds of times faster than real time (about 40 ms a page). */
export const TEST_LINE_DEFAULT_TIMEOUT_MS = 60_000;
/** Simulated-time ceiling passed to the helper: T.30 set-up plus a generous allowance per page. */
const LINE_SECONDS_BASE = 180;
const LINE_SECONDS_PER_PAGE = 120;
/** T.30 identities (TSI/CSI) are at most 20 characters. */
const STATION_ID_MAX_LENGTH = 20;

/** Scenarios that can play out between two T.38 terminals. */
const T38_SCENARIOS: ReadonlySet<LineScenario['kind']> = new Set(['normal', 'drop-after-page', 'receiver-rejects']);

export interface TestLineCallInfo {
  faxId: string;
  reference: string;
  attempt: number;
}

export interface TestLineTransportDeps {
  /** The built helper (scripts/build-fax-line.ts → ensureFaxLineHelper()). */
  helperPath: string;
  store: TestLineCallStore;
  /** Parent folder for the per-call temporary folders (each removed after its call). */
  tempDir: string;
  /** Wall-clock limit per call; the helper is killed after it. */
  timeoutMs?: number;
  clock?: () => Date;
  /** Called each time the virtual machine confirms a page (T.30 MCF), while the call runs. */
  onProgress?: (pagesSent: number, totalPages: number, call: TestLineCallInfo) => void;
  /**
   * 'audio' (modems over a simulated analogue line, the default) or 't38' (two T.38 terminals).
   * Busy, no answer, a voice and line noise happen on the analogue leg before any T.38 switch-over,
   * so those numbers always use audio.
   */
  mode?: 'audio' | 't38';
}

/** The TSI we send: the fax reference, reduced to what T.30 can carry. */
function localStationIdFor(reference: string): string {
  return reference.replace(/[^\x20-\x7e]/g, '').slice(0, STATION_ID_MAX_LENGTH);
}

function statusOf(result: FaxLineResult): TestLineCallRecord['status'] {
  if (result.result === 'delivered') return 'delivered';
  if (result.result === 'partially-delivered') return 'partially-delivered';
  return 'failed';
}

function failureOf(result: FaxLineResult): TransportFailure | null {
  const cause = failureCauseFor(result.result, result.completionCode);
  if (cause === null) return null;
  return { cause, rawCode: rawT30Code(result.completionCode), rawMessage: result.completionText || null };
}

function reportOf(record: TestLineCallRecord): TransportReport {
  return {
    providerFaxId: record.callId,
    status: record.status,
    pagesTransmitted: record.pagesTransmitted,
    failure: record.failure,
    remoteStationId: record.remoteStationId,
    negotiatedBitRate: record.negotiatedBitRate,
    durationSeconds: record.durationSeconds,
    completedAt: record.completedAt,
  };
}

async function readIfPresent(file: string): Promise<Uint8Array | null> {
  try {
    const bytes = await fs.readFile(file);
    return bytes.length > 0 ? new Uint8Array(bytes) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Turns "the helper produced no report" into the error the fax engine understands. */
function faxErrorFor(error: FaxLineHelperError): FaxError {
  switch (error.kind) {
    case 'bad-document':
      return new FaxError(
        'document-error',
        'The fax pages could not be read for sending (the TIFF is damaged or is not a 1728-pixel-wide fax image). Nothing was sent.',
        { cause: error },
      );
    case 'aborted':
      return new FaxError('cancelled', 'The fax was cancelled; the test line hung up.', { cause: error });
    case 'timed-out':
      return new FaxError('line-failure', 'The test line did not finish the call in time and was stopped. Nothing was recorded as sent.', {
        cause: error,
      });
    case 'crashed':
    case 'exited':
    case 'unreadable-report':
      return new FaxError('line-failure', 'The test line stopped unexpectedly during the call. Nothing was recorded as sent.', {
        cause: error,
      });
    case 'bad-arguments':
    case 'not-started':
      return new FaxError('line-failure', 'The test line could not start the call. Check that the fax helper is built (npm run build).', {
        cause: error,
      });
  }
}

/**
 * The test line as a {@link FaxTransport}. submit() dials, runs the whole call and records it in the
 * store before resolving. A second submit() for an attempt already recorded returns that call
 * instead of dialling again, so a retried job never sends the same attempt twice.
 */
export function createTestLineTransport(deps: TestLineTransportDeps): FaxTransport {
  const clock = deps.clock ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? TEST_LINE_DEFAULT_TIMEOUT_MS;
  const mode = deps.mode ?? 'audio';

  async function submit(submission: TransportSubmission, signal?: AbortSignal): Promise<TransportReport> {
    if (!isDialableNumber(submission.toNumber)) {
      throw new FaxError('invalid-number', 'The test line can only dial numbers in international form, such as +16045550142.');
    }
    const earlier = await deps.store.findCall(submission.reference, submission.attempt);
    if (earlier) return reportOf(earlier);
    if (submission.document.tiff.byteLength === 0) {
      throw new FaxError('document-error', 'The fax document is empty. Nothing was sent.');
    }

    const row = scriptedNumberFor(submission.toNumber);
    const callMode = mode === 't38' && T38_SCENARIOS.has(row.scenario.kind) ? 't38' : 'audio';
    const localStationId = localStationIdFor(submission.reference);
    const remoteStationId = remoteStationIdFor(submission.toNumber);
    const lineSecondsLimit = LINE_SECONDS_BASE + LINE_SECONDS_PER_PAGE * Math.max(1, submission.document.pageCount);
    const call: TestLineCallInfo = { faxId: submission.faxId, reference: submission.reference, attempt: submission.attempt };

    await fs.mkdir(deps.tempDir, { recursive: true });
    const workDir = await fs.mkdtemp(path.join(deps.tempDir, 'test-line-'));
    try {
      const inputPath = path.join(workDir, 'sent.tif');
      const outputPath = path.join(workDir, 'received.tif');
      await fs.writeFile(inputPath, submission.document.tiff);
      let result: FaxLineResult;
      try {
        result = await runFaxLine({
          helperPath: deps.helperPath,
          inputPath,
          outputPath,
          args: [
            '--mode',
            callMode,
            '--ecm',
            '--fast',
            '--local-ident',
            localStationId,
            '--remote-ident',
            remoteStationId,
            '--max-line-seconds',
            String(lineSecondsLimit),
            ...helperArgsFor(row.scenario),
          ],
          timeoutMs,
          signal,
          onEvent: (event) => {
            if (deps.onProgress && isPageEvent(event) && event.side === 'caller' && event.frame === 'MCF') {
              deps.onProgress(event.page, event.totalPages, call);
            }
          },
        });
      } catch (error) {
        if (error instanceof FaxLineHelperError) throw faxErrorFor(error);
        throw error;
      }

      const record: TestLineCallRecord = {
        callId: randomUUID(),
        reference: submission.reference,
        attempt: submission.attempt,
        toNumber: submission.toNumber,
        status: statusOf(result),
        pagesTransmitted: result.pagesTransmitted,
        pagesReceived: result.pagesReceived,
        failure: failureOf(result),
        remoteStationId: result.remoteIdent,
        localStationId,
        negotiatedBitRate: result.bitRate,
        durationSeconds: result.lineSeconds,
        completionCode: result.completionCode,
        completionText: result.completionText,
        receivedTiff: result.pagesReceived > 0 ? await readIfPresent(outputPath) : null,
        completedAt: clock(),
      };
      await deps.store.recordCall(record);
      // Another worker may have recorded this attempt while we dialled: report what the store kept.
      const kept = await deps.store.findCall(submission.reference, submission.attempt);
      return reportOf(kept ?? record);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  return {
    id: 'test-line',
    capabilities: Object.freeze({ synchronous: true, partialResend: true, webhooks: false }),
    submit,
    async findByReference(reference, attempt) {
      const record = await deps.store.findCall(reference, attempt);
      return record ? reportOf(record) : null;
    },
    async getStatus(providerFaxId) {
      const record = await deps.store.findCallById(providerFaxId);
      if (!record) throw new FaxError('not-found', 'The test line has no call with this id.');
      return reportOf(record);
    },
  };
}
