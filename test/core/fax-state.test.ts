import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FAX_STATUSES, FINAL_STATUSES, transition, type FaxEvent, type FaxStatus } from '../../src/core/fax-state';

const EVENTS: FaxEvent[] = [
  { type: 'prepare' },
  { type: 'transmit' },
  { type: 'delivered' },
  { type: 'retry-scheduled' },
  { type: 'failed', pagesDelivered: 0 },
  { type: 'failed', pagesDelivered: 3 },
  { type: 'expired', pagesDelivered: 0 },
  { type: 'expired', pagesDelivered: 2 },
  { type: 'cancel' },
];

/** The whole table, written out: every (status, event) pair and what it must lead to. */
const EXPECTED: Record<FaxStatus, (FaxStatus | null)[]> = {
  //                   prepare      transmit   delivered    retry               failed0   failed3                expired0   expired2               cancel
  queued: ['rendering', null, null, null, 'failed', 'partially-delivered', 'expired', 'partially-delivered', 'cancelled'],
  rendering: [null, 'sending', null, 'waiting-to-retry', 'failed', 'partially-delivered', 'expired', 'partially-delivered', 'cancelled'],
  sending: [null, null, 'delivered', 'waiting-to-retry', 'failed', 'partially-delivered', 'expired', 'partially-delivered', null],
  'waiting-to-retry': ['rendering', null, null, null, 'failed', 'partially-delivered', 'expired', 'partially-delivered', 'cancelled'],
  delivered: [null, null, null, null, null, null, null, null, null],
  'partially-delivered': [null, null, null, null, null, null, null, null, null],
  failed: [null, null, null, null, null, null, null, null, null],
  cancelled: [null, null, null, null, null, null, null, null, null],
  expired: [null, null, null, null, null, null, null, null, null],
};

describe('fax state machine', () => {
  for (const status of FAX_STATUSES) {
    test(`from ${status}`, () => {
      EVENTS.forEach((event, i) => {
        const result = transition(status, event);
        const expected = EXPECTED[status][i];
        if (expected === null) {
          assert.equal(result.ok, false, `${status} + ${JSON.stringify(event)} must be refused`);
          if (!result.ok) assert.ok(result.reason.length > 10, 'a refusal explains itself');
        } else {
          assert.deepEqual(result, { ok: true, status: expected }, `${status} + ${JSON.stringify(event)}`);
        }
      });
    });
  }

  test('final states are exactly the ones nothing leaves', () => {
    for (const status of FAX_STATUSES) {
      const leaves = EVENTS.some((e) => transition(status, e).ok);
      assert.equal(!leaves, FINAL_STATUSES.includes(status), status);
    }
  });

  test('a fax being transmitted can no longer be cancelled, and says so', () => {
    const result = transition('sending', { type: 'cancel' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /being transmitted/);
  });
});
