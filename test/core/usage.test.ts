import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeOutcome, patientHistoryLine, retainUntil } from '../../src/core/disclosure-text';
import {
  allowanceNotice,
  allowanceThresholdReached,
  billablePages,
  daysOfMonth,
  isValidMonth,
  monthsEndingWith,
  summarizeAllowance,
  usagePeriodOf,
} from '../../src/core/usage';

describe('what counts against the allowance', () => {
  test('only delivered pages count, cover pages included; failed and cancelled faxes count nothing', () => {
    assert.equal(billablePages('delivered', 4), 4);
    assert.equal(billablePages('partially-delivered', 3), 3);
    assert.equal(billablePages('failed', 2), 0, 'pages of a failed fax do not count');
    assert.equal(billablePages('cancelled', 0), 0);
    assert.equal(billablePages('expired', 1), 0);
  });

  test('the month is the clinic’s calendar month, not UTC’s', () => {
    // 1 Dec 2026 03:00 UTC is still 30 Nov in Vancouver.
    assert.deepEqual(usagePeriodOf(new Date('2026-12-01T03:00:00Z'), 'America/Vancouver'), { month: '2026-11', day: '2026-11-30' });
    assert.deepEqual(usagePeriodOf(new Date('2026-12-01T03:00:00Z'), 'America/Toronto'), { month: '2026-11', day: '2026-11-30' });
    assert.deepEqual(usagePeriodOf(new Date('2026-12-01T06:00:00Z'), 'America/Toronto'), { month: '2026-12', day: '2026-12-01' });
  });

  test('months and days', () => {
    assert.equal(daysOfMonth('2028-02').length, 29);
    assert.equal(daysOfMonth('2026-11').at(-1), '2026-11-30');
    assert.deepEqual(monthsEndingWith('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
    assert.ok(isValidMonth('2026-11'));
    for (const bad of ['2026-13', '2026-1', '26-11', 'november', '2026-00']) assert.ok(!isValidMonth(bad), bad);
  });
});

describe('allowance', () => {
  test('summary: remaining pages, overage pages and cost', () => {
    assert.deepEqual(summarizeAllowance(500, 520, 8), {
      allowance: 500,
      pagesUsed: 520,
      pagesRemaining: 0,
      overagePages: 20,
      overageCents: 160,
      percentUsed: 104,
    });
    assert.equal(summarizeAllowance(500, 399, 8).percentUsed, 79);
    assert.equal(summarizeAllowance(0, 0, 8).percentUsed, 0);
  });

  test('notices at 80% and 100%, none without an allowance', () => {
    assert.equal(allowanceThresholdReached(500, 399), null);
    assert.equal(allowanceThresholdReached(500, 400), 80);
    assert.equal(allowanceThresholdReached(500, 500), 100);
    assert.equal(allowanceThresholdReached(500, 900), 100);
    assert.equal(allowanceThresholdReached(0, 50), null);
  });

  test('notices carry counts only and are keyed per month', () => {
    const notice = allowanceNotice(80, summarizeAllowance(500, 410, 8), '2026-11', 8);
    assert.equal(notice.dedupeKey, 'allowance-80:2026-11');
    assert.match(notice.title, /80% .* November 2026/);
    assert.match(notice.body, /410 of its 500 fax pages/);
    assert.match(notice.body, /90 pages are left/);
    assert.match(notice.body, /\$0\.08/);
  });
});

describe('records of a fax', () => {
  test('outcome text', () => {
    assert.equal(
      describeOutcome({ status: 'delivered', pagesDelivered: 4, pageCount: 4, failureCause: null, failureMessage: null }),
      'delivered, 4 pages',
    );
    assert.equal(
      describeOutcome({ status: 'failed', pagesDelivered: 0, pageCount: 4, failureCause: 'busy', failureMessage: 'x' }),
      'failed: the line was busy',
    );
    assert.equal(
      describeOutcome({
        status: 'partially-delivered',
        pagesDelivered: 3,
        pageCount: 5,
        failureCause: 'line-failure',
        failureMessage: null,
      }),
      'partially delivered, 3 of 5 pages: the connection failed or dropped during the call',
    );
  });

  test('chart history line', () => {
    assert.equal(
      patientHistoryLine({
        description: '3 chart entries (12 Mar – 2 Apr 2025)',
        recipientName: 'Dr. Lee',
        recipientNumberDisplay: '+1 604 555 0142',
        outcome: 'delivered, 4 pages',
      }),
      'Faxed 3 chart entries (12 Mar – 2 Apr 2025) to Dr. Lee at +1 604 555 0142 — delivered, 4 pages',
    );
  });

  test('disclosure records are kept six years', () => {
    assert.equal(retainUntil('2026-11-03'), '2032-11-03');
    assert.equal(retainUntil('2028-02-29'), '2034-03-01');
  });
});
