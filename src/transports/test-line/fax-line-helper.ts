/**
 * Runs the native fax helper (native/fax-line) for one call and reads its JSON-lines report.
 * argv array, no shell; a hard timeout and an AbortSignal both end it with SIGKILL; stderr is kept
 * (bounded) for the error raised when the helper fails.
 */
import { spawn } from 'node:child_process';
import type { FaxLineOutcome } from './completion-codes';

/** Exit statuses the helper documents (native/fax-line/fax-line.c). */
const EXIT_BAD_ARGS = 2;
const EXIT_BAD_TIFF = 3;
const STDERR_LIMIT_BYTES = 8 * 1024;

export interface FaxLinePageEvent {
  event: 'phase-d';
  side: 'caller' | 'answerer';
  lineSeconds: number;
  /** T.30 frame that closed the page: MPS/EOP at the answerer, MCF (confirmed) at the caller. */
  frame: string;
  page: number;
  totalPages: number;
  bitRate: number;
  ecm: boolean;
  badRows: number;
  ecmRetries: number;
}

export interface FaxLineEvent {
  event: 'dial' | 'phase-b' | 'phase-d' | 'phase-e';
  side?: 'caller' | 'answerer';
  lineSeconds?: number;
  [field: string]: unknown;
}

export interface FaxLineResult {
  result: FaxLineOutcome;
  /** spandsp T.30 completion code of the sending side; -1 when no session ended. 0 is OK. */
  completionCode: number;
  completionText: string;
  answererCompletionCode: number;
  pagesInFile: number;
  pagesTransmitted: number;
  pagesReceived: number;
  lineSeconds: number;
  bitRate: number | null;
  remoteIdent: string | null;
  ecm: boolean;
  answered: boolean;
  lineDropped: boolean;
}

export type FaxLineFailureKind =
  'bad-document' | 'bad-arguments' | 'crashed' | 'exited' | 'timed-out' | 'aborted' | 'unreadable-report' | 'not-started';

/** The helper did not produce a call report. */
export class FaxLineHelperError extends Error {
  readonly kind: FaxLineFailureKind;
  /** What the helper wrote to stderr (its own message for bad input), trimmed. */
  readonly stderr: string;

  constructor(kind: FaxLineFailureKind, message: string, stderr: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaxLineHelperError';
    this.kind = kind;
    this.stderr = stderr;
  }
}

export interface RunFaxLineOptions {
  helperPath: string;
  inputPath: string;
  outputPath: string;
  /** Options after the two paths, e.g. ['--local-ident', 'CF-…', '--busy']. */
  args: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Each event line as it arrives (phase B/D/E), so progress can be shown while the call runs. */
  onEvent?: (event: FaxLineEvent) => void;
}

const OUTCOMES: ReadonlySet<string> = new Set(['delivered', 'partially-delivered', 'failed', 'busy', 'no-answer', 'voice-answered']);

function parseResult(value: Record<string, unknown>): FaxLineResult | null {
  const num = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : null);
  const result = value.result;
  const completionCode = num('completionCode');
  const pagesTransmitted = num('pagesTransmitted');
  const pagesReceived = num('pagesReceived');
  const lineSeconds = num('lineSeconds');
  if (typeof result !== 'string' || !OUTCOMES.has(result)) return null;
  if (completionCode === null || pagesTransmitted === null || pagesReceived === null || lineSeconds === null) return null;
  return {
    result: result as FaxLineOutcome,
    completionCode,
    completionText: typeof value.completionText === 'string' ? value.completionText : '',
    answererCompletionCode: num('answererCompletionCode') ?? -1,
    pagesInFile: num('pagesInFile') ?? 0,
    pagesTransmitted,
    pagesReceived,
    lineSeconds,
    bitRate: num('bitRate'),
    remoteIdent: typeof value.remoteIdent === 'string' ? value.remoteIdent : null,
    ecm: value.ecm === true,
    answered: value.answered === true,
    lineDropped: value.lineDropped === true,
  };
}

/** Narrows an event to a page report (phase D). */
export function isPageEvent(event: FaxLineEvent): event is FaxLineEvent & FaxLinePageEvent {
  return event.event === 'phase-d' && typeof event.page === 'number' && typeof event.frame === 'string';
}

/**
 * Runs one call and resolves with the helper's final report. Rejects with {@link FaxLineHelperError}
 * when there is no report: bad input (exit 3), bad arguments (exit 2), a crash (signal), another
 * exit status, the timeout, the abort signal, or unreadable output. Never leaves the process running.
 */
export function runFaxLine(options: RunFaxLineOptions): Promise<FaxLineResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new FaxLineHelperError('aborted', 'The call was cancelled before it started.', ''));
      return;
    }
    const child = spawn(options.helperPath, [options.inputPath, options.outputPath, ...options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    let stderr = '';
    let pending = '';
    let result: FaxLineResult | null = null;
    let badLine: string | null = null;
    let stopReason: 'timed-out' | 'aborted' | null = null;
    let spawnError: Error | null = null;

    const kill = (reason: 'timed-out' | 'aborted') => {
      if (stopReason !== null || child.exitCode !== null || child.signalCode !== null) return;
      stopReason = reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timed-out'), options.timeoutMs);
    const onAbort = () => kill('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const handleLine = (line: string) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        badLine ??= line.slice(0, 200);
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      const record = parsed as Record<string, unknown>;
      if ('result' in record) {
        result = parseResult(record);
        if (result === null) badLine ??= line.slice(0, 200);
        return;
      }
      if (typeof record.event === 'string' && options.onEvent) {
        try {
          options.onEvent(record as FaxLineEvent);
        } catch {
          // A progress listener's bug must not break the call.
        }
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        handleLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT_BYTES) stderr += chunk.slice(0, STDERR_LIMIT_BYTES - stderr.length);
    });
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pending !== '') handleLine(pending);
      const text = stderr.trim();
      const fail = (kind: FaxLineFailureKind, message: string, cause?: unknown) =>
        reject(new FaxLineHelperError(kind, message, text, cause === undefined ? undefined : { cause }));

      if (spawnError) return fail('not-started', `The fax helper could not be started: ${spawnError.message}`, spawnError);
      if (stopReason === 'aborted') return fail('aborted', 'The call was cancelled and the line hung up.');
      if (stopReason === 'timed-out') {
        return fail('timed-out', `The fax helper did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped.`);
      }
      if (signal !== null) return fail('crashed', `The fax helper stopped unexpectedly (${signal}).`);
      if (code === EXIT_BAD_TIFF) return fail('bad-document', text || 'The fax helper could not read the document.');
      if (code === EXIT_BAD_ARGS) return fail('bad-arguments', text || 'The fax helper refused its options.');
      if (code !== 0) return fail('exited', `The fax helper failed (exit status ${code}).`);
      if (result === null) {
        return fail(
          'unreadable-report',
          badLine ? `The fax helper's report could not be read: ${badLine}` : 'The fax helper ended without a report.',
        );
      }
      resolve(result);
    });
  });
}
