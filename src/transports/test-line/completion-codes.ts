/**
 * From what the fax helper reports to Chartfax's failure causes.
 *
 * Numbers are spandsp 0.0.6's T.30 phase E completion codes (enum in spandsp/t30.h, T30_ERR_*), as
 * seen by the sending side. They are spandsp's, not ITU numbers; the ITU-T T.30 procedure each one
 * comes from is named in the comments.
 */
import type { FailureCause } from '../../core/errors';

/** What the helper concluded about the call (its final JSON line's "result"). */
export type FaxLineOutcome = 'delivered' | 'partially-delivered' | 'failed' | 'busy' | 'no-answer' | 'voice-answered';

export const T30_OK = 0;
/** The helper's value when no T.30 session reached phase E. */
export const T30_NO_SESSION = -1;

/**
 * spandsp codes grouped by cause. Everything not listed here is a link or protocol failure
 * (`line-failure`): modem training, lost carrier, missing responses, unexpected frames, DCN mid-call.
 */
const CAUSE_BY_CODE: ReadonlyMap<number, FailureCause> = new Map<number, FailureCause>([
  // T30_ERR_T0_EXPIRED: T.30 timer T0 (60 s) ran out with nothing heard from the called end: no
  // fax machine answered.
  [2, 'no-answer'],
  // Phase B capability mismatch: the called machine's DIS (T.30 §5.3.6, Table 2) says it cannot take
  // this document. T30_ERR_INCOMPATIBLE (8), T30_ERR_RX_INCAPABLE (9: "ready to receive" bit clear),
  // T30_ERR_NORESSUPPORT (11: no common vertical/horizontal resolution), T30_ERR_NOSIZESUPPORT (12:
  // page width or length not supported).
  [8, 'rejected-by-receiver'],
  [9, 'rejected-by-receiver'],
  [11, 'rejected-by-receiver'],
  [12, 'rejected-by-receiver'],
  // T30_ERR_TX_GOTDCN (17): the called machine sent DCN instead of DIS, i.e. hung up on us on purpose.
  [17, 'rejected-by-receiver'],
  // T30_ERR_FILEERROR … T30_ERR_NOMEM (41–47): the sending side could not read our TIFF.
  [41, 'document-error'],
  [42, 'document-error'],
  [43, 'document-error'],
  [44, 'document-error'],
  [45, 'document-error'],
  [46, 'document-error'],
  [47, 'document-error'],
  // T30_ERR_IDENT_UNACCEPTABLE … T30_ERR_CSA_UNACCEPTABLE (51–61): the far end refused our station id,
  // sub-address, password or similar in phase B.
  ...[51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61].map((code): [number, FailureCause] => [code, 'rejected-by-receiver']),
]);

/**
 * The failure cause for a finished call, or null when it was delivered.
 *
 * Busy, no answer and a voice answering are call-progress results (before or instead of T.30), so
 * they win over whatever the T.30 engine reported once it was hung up on.
 */
export function failureCauseFor(outcome: FaxLineOutcome, completionCode: number): FailureCause | null {
  switch (outcome) {
    case 'delivered':
      return null;
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'voice-answered':
      return 'voice-answered';
    case 'partially-delivered':
    case 'failed':
      break;
  }
  if (completionCode === T30_NO_SESSION) return 'unknown';
  // T30_ERR_OK yet not every page confirmed: should not happen; do not pretend it was a line fault.
  if (completionCode === T30_OK) return 'unknown';
  return CAUSE_BY_CODE.get(completionCode) ?? 'line-failure';
}

/** The raw code kept on the attempt record, e.g. "T30:21". */
export function rawT30Code(completionCode: number): string {
  return `T30:${completionCode}`;
}
