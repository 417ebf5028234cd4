import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createFakeClock } from '../../src/core/clock';
import type { FailureCause } from '../../src/core/errors';
import { decideRetry, DEFAULT_RETRY_POLICY, explainAttempt, giveUpTime, retryPolicyFromSettings } from '../../src/core/retry-policy';

const TZ = 'America/Vancouver';

describe('retry policy', () => {
  test('a busy line is redialled every 3 minutes, 12 dials in all', () => {
    const clock = createFakeClock('2025-03-04T18:30:00Z');
    const giveUp = giveUpTime(DEFAULT_RETRY_POLICY, clock.now());
    const causes: FailureCause[] = [];
    let dials = 0;
    for (;;) {
      dials += 1;
      const decision = decideRetry(DEFAULT_RETRY_POLICY, { cause: 'busy', endedAt: clock.now() }, causes, giveUp);
      if (!decision.retry) {
        assert.equal(decision.reason, 'attempts-exhausted');
        break;
      }
      assert.equal(decision.at.getTime() - clock.now().getTime(), 3 * 60_000);
      clock.set(decision.at);
      causes.push('busy');
    }
    assert.equal(dials, 12);
  });

  test('no answer and line failures: every 5 minutes, 3 tries', () => {
    const start = new Date('2025-03-04T18:30:00Z');
    const giveUp = giveUpTime(DEFAULT_RETRY_POLICY, start);
    for (const cause of ['no-answer', 'line-failure'] as const) {
      const first = decideRetry(DEFAULT_RETRY_POLICY, { cause, endedAt: start }, [], giveUp);
      assert.deepEqual(first, { retry: true, at: new Date(start.getTime() + 5 * 60_000) });
      assert.equal(decideRetry(DEFAULT_RETRY_POLICY, { cause, endedAt: start }, [cause], giveUp).retry, true);
      assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, { cause, endedAt: start }, [cause, cause], giveUp), {
        retry: false,
        reason: 'attempts-exhausted',
      });
    }
  });

  test('nothing is retried after the 3-hour window', () => {
    const start = new Date('2025-03-04T18:30:00Z');
    const giveUp = giveUpTime(DEFAULT_RETRY_POLICY, start);
    const late = new Date(start.getTime() + 179 * 60_000);
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, { cause: 'busy', endedAt: late }, [], giveUp), {
      retry: false,
      reason: 'out-of-time',
    });
  });

  test('our own document errors, account errors, voice answers and bad numbers are never retried', () => {
    const now = new Date('2025-03-04T18:30:00Z');
    for (const cause of [
      'document-error',
      'account-error',
      'voice-answered',
      'invalid-number',
      'caller-id-not-allowed',
      'cancelled',
    ] as const) {
      assert.deepEqual(
        decideRetry(DEFAULT_RETRY_POLICY, { cause, endedAt: now }, [], giveUpTime(DEFAULT_RETRY_POLICY, now)),
        { retry: false, reason: 'not-retryable' },
        cause,
      );
    }
  });

  test('a provider’s Retry-After is honoured when longer than the rule', () => {
    const now = new Date('2025-03-04T18:30:00Z');
    const decision = decideRetry(
      DEFAULT_RETRY_POLICY,
      { cause: 'rate-limited', endedAt: now, retryAfterSeconds: 300 },
      [],
      giveUpTime(DEFAULT_RETRY_POLICY, now),
    );
    assert.deepEqual(decision, { retry: true, at: new Date(now.getTime() + 300_000) });
  });

  test('staff read what happened and when Chartfax tries again, in the clinic’s time', () => {
    const at = new Date('2025-03-04T18:42:00Z'); // 10:42 in Vancouver
    assert.equal(explainAttempt('busy', { retry: true, at }, TZ), 'The line was busy. Chartfax will try again at 10:42 AM.');
    const final = explainAttempt('busy', { retry: false, reason: 'attempts-exhausted' }, TZ);
    assert.match(final, /stopped trying/);
    assert.match(final, /Check the number/);
  });

  test('a clinic’s own policy replaces the defaults; malformed parts keep them', () => {
    const policy = retryPolicyFromSettings({
      busy: { intervalMinutes: 1, maxAttempts: 2 },
      noAnswer: { intervalMinutes: -5, maxAttempts: 3 },
      giveUpAfterMinutes: 60,
    });
    assert.deepEqual(policy.rules.busy, { intervalMinutes: 1, maxAttempts: 2 });
    assert.deepEqual(policy.rules.noAnswer, DEFAULT_RETRY_POLICY.rules.noAnswer);
    assert.equal(policy.giveUpAfterMinutes, 60);
  });
});
