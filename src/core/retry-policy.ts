/**
 * When a failed attempt is tried again, and what staff are told. Defaults follow established fax
 * servers (HylaFAX's JobReqBusy / JobReqNoAnswer and its 3-hour kill time): busy lines are redialled
 * every 3 minutes up to 12 times; no answer or a failed line every 5 minutes up to 3 times; nothing is
 * retried after 3 hours. Each clinic can change the numbers.
 */
import { ERROR_CATALOG, type FailureCause } from './errors';

export interface RetryRule {
  intervalMinutes: number;
  maxAttempts: number;
}

export const RETRY_GROUPS = ['busy', 'noAnswer', 'lineFailure', 'rejected', 'rateLimited', 'providerOutage', 'unknown'] as const;
export type RetryGroup = (typeof RETRY_GROUPS)[number];

export interface RetryPolicy {
  rules: Record<RetryGroup, RetryRule>;
  /** No new attempt starts later than this after the fax was sent. */
  giveUpAfterMinutes: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  rules: {
    busy: { intervalMinutes: 3, maxAttempts: 12 },
    noAnswer: { intervalMinutes: 5, maxAttempts: 3 },
    lineFailure: { intervalMinutes: 5, maxAttempts: 3 },
    rejected: { intervalMinutes: 5, maxAttempts: 2 },
    rateLimited: { intervalMinutes: 1, maxAttempts: 10 },
    providerOutage: { intervalMinutes: 2, maxAttempts: 10 },
    unknown: { intervalMinutes: 5, maxAttempts: 3 },
  },
  giveUpAfterMinutes: 180,
});

/** The rule group of a cause, or null when the cause is never retried. */
export function retryGroupOf(cause: FailureCause): RetryGroup | null {
  if (!ERROR_CATALOG[cause].retryable) return null;
  switch (cause) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'noAnswer';
    case 'line-failure':
      return 'lineFailure';
    case 'rejected-by-receiver':
      return 'rejected';
    case 'rate-limited':
      return 'rateLimited';
    case 'provider-outage':
      return 'providerOutage';
    default:
      return 'unknown';
  }
}

export interface FailedAttempt {
  cause: FailureCause;
  /** When the attempt ended. */
  endedAt: Date;
  /** Seconds the provider asked us to wait, if it said. */
  retryAfterSeconds?: number;
}

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' | 'out-of-time' };

/**
 * Decide what follows a failed attempt. `previousCauses` are the causes of the earlier failed
 * attempts of the same fax (oldest first), so "12 dials" counts every busy attempt.
 */
export function decideRetry(policy: RetryPolicy, failed: FailedAttempt, previousCauses: FailureCause[], giveUpAt: Date): RetryDecision {
  const group = retryGroupOf(failed.cause);
  if (!group) return { retry: false, reason: 'not-retryable' };
  const rule = policy.rules[group];
  const sameGroup = previousCauses.filter((c) => retryGroupOf(c) === group).length + 1;
  if (sameGroup >= rule.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const waitMs = Math.max(rule.intervalMinutes * 60_000, (failed.retryAfterSeconds ?? 0) * 1000);
  const at = new Date(failed.endedAt.getTime() + waitMs);
  if (at.getTime() > giveUpAt.getTime()) return { retry: false, reason: 'out-of-time' };
  return { retry: true, at };
}

/** The deadline after which no new attempt starts. */
export function giveUpTime(policy: RetryPolicy, sentAt: Date): Date {
  return new Date(sentAt.getTime() + policy.giveUpAfterMinutes * 60_000);
}

function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
}

const NEXT_STEP: Partial<Record<FailureCause, string>> = {
  busy: 'Check the number with the recipient, or send again later.',
  'no-answer': 'Check that the recipient’s fax machine is switched on, or send again later.',
  'line-failure': 'Send again later; if it keeps failing, ask the recipient whether their fax line works.',
  'rejected-by-receiver': 'Ask the recipient whether their machine can receive faxes now (paper, memory).',
  'rate-limited': 'Send again in a few minutes.',
  'provider-outage': 'Send again once the provider is back; Settings → Integrations shows its state.',
  unknown: 'Send again; if it keeps failing, check the number with the recipient.',
};

/**
 * The sentence staff read on an attempt: what happened and what happens next, in the clinic's time.
 * `detail` replaces the generic explanation when the transport gave a more useful one.
 */
export function explainAttempt(cause: FailureCause, decision: RetryDecision, timeZone: string, detail?: string | null): string {
  const what = detail ?? ERROR_CATALOG[cause].explanation;
  if (decision.retry) return `${what} Chartfax will try again at ${clockTime(decision.at, timeZone)}.`;
  if (decision.reason === 'not-retryable') return what;
  const why =
    decision.reason === 'attempts-exhausted'
      ? 'Chartfax has stopped trying after several attempts.'
      : 'Chartfax has stopped trying: the retry window has closed.';
  const next = NEXT_STEP[cause];
  return next ? `${what} ${why} ${next}` : `${what} ${why}`;
}

/**
 * A clinic's stored policy (`{ busy: { intervalMinutes, maxAttempts }, …, giveUpAfterMinutes }`,
 * as saved by Settings) over the defaults; anything missing or malformed keeps the default.
 */
export function retryPolicyFromSettings(stored: unknown): RetryPolicy {
  const policy: RetryPolicy = { rules: { ...DEFAULT_RETRY_POLICY.rules }, giveUpAfterMinutes: DEFAULT_RETRY_POLICY.giveUpAfterMinutes };
  if (!stored || typeof stored !== 'object') return policy;
  const source = stored as Record<string, unknown>;
  for (const group of RETRY_GROUPS) {
    const rule = source[group] as Partial<RetryRule> | undefined;
    if (
      rule &&
      Number.isFinite(rule.intervalMinutes) &&
      Number.isFinite(rule.maxAttempts) &&
      rule.intervalMinutes! > 0 &&
      rule.maxAttempts! >= 1
    ) {
      policy.rules[group] = { intervalMinutes: rule.intervalMinutes!, maxAttempts: Math.floor(rule.maxAttempts!) };
    }
  }
  const giveUp = source.giveUpAfterMinutes;
  if (typeof giveUp === 'number' && giveUp > 0) policy.giveUpAfterMinutes = giveUp;
  return policy;
}
