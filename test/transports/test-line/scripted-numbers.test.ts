/**
 * The test line's phone book and its T.30 → cause mapping, without dialling.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isFailureCause } from '../../../src/core/errors';
import { failureCauseFor } from '../../../src/transports/test-line/completion-codes';
import {
  SCRIPTED_NUMBERS,
  helperArgsFor,
  isDialableNumber,
  remoteStationIdFor,
  scriptedNumberFor,
} from '../../../src/transports/test-line/scripted-numbers';

describe('test line phone book', () => {
  it('documents every scripted behaviour with an example that resolves to its own row', () => {
    const suffixes = SCRIPTED_NUMBERS.map((row) => row.suffix);
    for (const required of ['0100–0149', '0150', '0151', '0152', '0153', '0154', '0155', '0156', '0157']) {
      assert.ok(suffixes.includes(required), `row ${required}`);
    }
    for (const row of SCRIPTED_NUMBERS) {
      assert.ok(isDialableNumber(row.example), `${row.example} is dialable`);
      assert.deepEqual(scriptedNumberFor(row.example).scenario, row.scenario, `${row.example} → ${row.suffix}`);
      assert.ok(row.behaviour.length > 10 && row.staffWillSee.length > 5);
    }
  });

  it('applies the 555-01xx block under any area code, and treats everything else as a normal machine', () => {
    assert.equal(scriptedNumberFor('+19025550150').scenario.kind, 'busy');
    assert.equal(scriptedNumberFor('+17805550157').scenario.kind, 'receiver-rejects');
    assert.equal(scriptedNumberFor('+16045550199').scenario.kind, 'normal');
    assert.equal(scriptedNumberFor('+16045550250').scenario.kind, 'normal', 'outside the 01xx block');
    assert.equal(scriptedNumberFor('+16045560150').scenario.kind, 'normal', 'not a 555 number');
    assert.deepEqual(helperArgsFor(scriptedNumberFor('+16045550154').scenario), ['--drop-after-page', '2']);
  });

  it('gives the virtual machine a station id derived from its number', () => {
    assert.equal(remoteStationIdFor('+16045550142'), '+1 604 555 0142');
    assert.equal(remoteStationIdFor('+442079460958'), '+442079460958');
    assert.ok(remoteStationIdFor('+123456789012345').length <= 20);
  });

  it('maps T.30 completion codes to causes staff understand', () => {
    assert.equal(failureCauseFor('delivered', 0), null);
    assert.equal(failureCauseFor('busy', 49), 'busy');
    assert.equal(failureCauseFor('voice-answered', 2), 'voice-answered');
    assert.equal(failureCauseFor('failed', 9), 'rejected-by-receiver');
    assert.equal(failureCauseFor('failed', 11), 'rejected-by-receiver');
    assert.equal(failureCauseFor('partially-delivered', 21), 'line-failure');
    assert.equal(failureCauseFor('failed', 13), 'line-failure');
    assert.equal(failureCauseFor('failed', 43), 'document-error');
    assert.equal(failureCauseFor('failed', 2), 'no-answer');
    assert.equal(failureCauseFor('failed', -1), 'unknown');
    for (let code = -1; code <= 61; code += 1) assert.ok(isFailureCause(failureCauseFor('failed', code) ?? 'unknown'));
  });
});
