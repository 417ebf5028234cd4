import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addIsoDays, createZonedClock, daysBetween, formatLongDate, isoWeekday } from '../../src/db/seed/demo-time';
import { createDemoRandom } from '../../src/db/seed/demo-random';

describe('createZonedClock', () => {
  it('converts Vancouver wall-clock times to UTC on both sides of the DST changes', () => {
    const clock = createZonedClock('America/Vancouver');
    // DST began at 02:00 on 8 March 2026 and ends at 02:00 on 1 November 2026.
    assert.equal(clock.toUtcIso('2026-03-07', 9, 0), '2026-03-07T17:00:00.000Z');
    assert.equal(clock.toUtcIso('2026-03-08', 9, 0), '2026-03-08T16:00:00.000Z');
    assert.equal(clock.toUtcIso('2026-07-15', 18, 45), '2026-07-16T01:45:00.000Z');
    assert.equal(clock.toUtcIso('2026-10-31', 9, 30), '2026-10-31T16:30:00.000Z');
    assert.equal(clock.toUtcIso('2026-11-01', 9, 30), '2026-11-01T17:30:00.000Z');
    assert.equal(clock.offsetMinutes('2026-01-10'), -480);
    assert.equal(clock.offsetMinutes('2026-06-10'), -420);
  });

  it('handles zones without DST and east of UTC', () => {
    assert.equal(createZonedClock('America/Phoenix').toUtcIso('2026-07-01', 8, 0), '2026-07-01T15:00:00.000Z');
    assert.equal(createZonedClock('America/Phoenix').toUtcIso('2026-01-01', 8, 0), '2026-01-01T15:00:00.000Z');
    assert.equal(createZonedClock('America/Halifax').toUtcIso('2026-07-01', 8, 0), '2026-07-01T11:00:00.000Z');
    assert.equal(createZonedClock('Europe/Paris').toUtcIso('2026-03-29', 10, 0), '2026-03-29T08:00:00.000Z');
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends and counts days between dates', () => {
    assert.equal(addIsoDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addIsoDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addIsoDays('2026-03-01', -1), '2026-02-28');
    assert.equal(daysBetween('2024-11-01', '2026-11-01'), 730);
    assert.equal(isoWeekday('2026-11-01'), 0);
    assert.equal(formatLongDate('2026-03-08'), '8 March 2026');
  });
});

describe('createDemoRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createDemoRandom(42);
    const b = createDemoRandom(42);
    const c = createDemoRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(
      seqA,
      Array.from({ length: 20 }, () => b.next()),
    );
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 20 }, () => c.next()),
    );
    for (const value of seqA) assert.ok(value >= 0 && value < 1);
  });

  it('keeps forks independent of draws made on the parent', () => {
    const a = createDemoRandom(7);
    const b = createDemoRandom(7);
    b.next();
    b.next();
    assert.equal(a.fork('patients').next(), b.fork('patients').next());
    assert.notEqual(a.fork('patients').next(), a.fork('staff').next());
  });

  it('keeps integers in range and samples without repeats', () => {
    const rng = createDemoRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const n = rng.int(3, 6);
      assert.ok(n >= 3 && n <= 6);
      seen.add(n);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
    const sample = rng.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
    assert.equal(new Set(sample).size, 5);
  });
});
