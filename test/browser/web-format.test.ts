/** The sentences and times the chart screens show, checked without a browser. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartNumber, describeEmptyRange, formatDate, formatDateTime } from '../../src/web/format';

test('an empty date range is described in plain words', () => {
  assert.equal(describeEmptyRange('2025-03-03', '2025-03-09'), 'No chart entries between 3 Mar and 9 Mar 2025');
  assert.equal(describeEmptyRange('2024-12-30', '2025-01-02'), 'No chart entries between 30 Dec 2024 and 2 Jan 2025');
  assert.equal(describeEmptyRange('2025-09-01', ''), 'No chart entries on or after 1 Sep 2025');
  assert.equal(describeEmptyRange('', '2025-09-01'), 'No chart entries on or before 1 Sep 2025');
  assert.equal(describeEmptyRange('', ''), 'No chart entries yet');
});

test('chart times are shown on the clinic’s clock, across a daylight-saving change', () => {
  // Vancouver moves to daylight time on 9 Mar 2025 at 02:00.
  assert.equal(formatDateTime('2025-03-04T07:30:00Z', 'America/Vancouver'), '3 Mar 2025, 23:30');
  assert.equal(formatDateTime('2025-03-10T06:30:00Z', 'America/Vancouver'), '9 Mar 2025, 23:30');
  assert.equal(formatDateTime('2025-03-10T06:30:00Z', 'Europe/London'), '10 Mar 2025, 06:30');
  assert.equal(formatDate('1980-04-12'), '12 Apr 1980');
});

test('the chart number is the chart identifier, else the first one', () => {
  assert.equal(
    chartNumber([
      { system: 'provincial-health-number', value: 'DEMO-1' },
      { system: 'chart-number', value: 'HHC-00001' },
    ]),
    'HHC-00001',
  );
  assert.equal(chartNumber([{ system: 'other', value: 'X-1' }]), 'X-1');
  assert.equal(chartNumber([]), null);
});
