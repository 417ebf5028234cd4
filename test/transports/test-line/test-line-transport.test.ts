/**
 * The test line end to end: real T.30 calls through the native helper to the virtual fax machine,
 * one per scripted number, checked the way staff would see them — plus what the virtual machine
 * printed, pixel by pixel.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ensureFaxLineHelper } from '../../../scripts/build-fax-line';
import { ERROR_CATALOG, FaxError } from '../../../src/core/errors';
import type { TransportSubmission } from '../../../src/core/transport';
import { createMemoryCallStore, type TestLineCallRecord, type TestLineCallStore } from '../../../src/transports/test-line/call-store';
import { createTestLineTransport, type TestLineTransportDeps } from '../../../src/transports/test-line/test-line-transport';
import { countBlack, decodeTiffPages, makeFaxTiff, readImageDescription } from './fax-pages';

let helperPath: string;
let tempRoot: string;
let onePage: Uint8Array;
let threePages: Uint8Array;
let counter = 0;

before(async () => {
  helperPath = await ensureFaxLineHelper();
  tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'chartfax-test-line-'));
  [onePage, threePages] = await Promise.all([makeFaxTiff(1), makeFaxTiff(3)]);
});

after(async () => {
  await fs.rm(tempRoot, { recursive: true, force: true });
});

function submission(
  toNumber: string,
  tiff: Uint8Array,
  pageCount: number,
  overrides: Partial<TransportSubmission> = {},
): TransportSubmission {
  counter += 1;
  return {
    faxId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    reference: `CF-TL${String(counter).padStart(6, '0')}`,
    attempt: 1,
    toNumber,
    fromNumber: null,
    recipientName: 'Harbourview Family Clinic',
    document: { pdf: new Uint8Array(), tiff, pageCount },
    ...overrides,
  };
}

async function makeLine(overrides: Partial<TestLineTransportDeps> = {}) {
  const store = overrides.store ?? createMemoryCallStore();
  const tempDir = await fs.mkdtemp(path.join(tempRoot, 'calls-'));
  const transport = createTestLineTransport({ helperPath, store, tempDir, clock: () => new Date('2030-01-02T03:04:05Z'), ...overrides });
  return { transport, store, tempDir };
}

async function assertNoLeftovers(tempDir: string) {
  assert.deepEqual(await fs.readdir(tempDir), [], 'the per-call temporary folder is removed');
}

async function assertSamePages(sent: Uint8Array, received: Uint8Array, pages: number) {
  const [sentPages, receivedPages] = await Promise.all([decodeTiffPages(sent), decodeTiffPages(received)]);
  assert.equal(receivedPages.length, pages, 'pages printed by the receiving machine');
  for (let i = 0; i < pages; i += 1) {
    const a = sentPages[i]!;
    const b = receivedPages[i]!;
    assert.equal(b.width, a.width, `page ${i + 1} width`);
    assert.equal(b.height, a.height, `page ${i + 1} height`);
    assert.ok(countBlack(a) > 10_000, `page ${i + 1} has ink to compare`);
    assert.equal(countBlack(b), countBlack(a), `page ${i + 1} black pixels`);
    assert.ok(b.pixels.equals(a.pixels), `page ${i + 1} is pixel-identical`);
  }
}

async function recordFor(store: TestLineCallStore, s: TransportSubmission): Promise<TestLineCallRecord> {
  const record = await store.findCall(s.reference, s.attempt);
  assert.ok(record, 'the call is recorded');
  return record;
}

describe('test line: scripted numbers', () => {
  it('delivers every page to a normal number, pixel for pixel, and identifies itself with the fax reference', async () => {
    const progress: [number, number][] = [];
    const { transport, store, tempDir } = await makeLine({ onProgress: (sent, total) => progress.push([sent, total]) });
    const s = submission('+16045550142', threePages, 3);
    const report = await transport.submit(s);

    assert.equal(report.status, 'delivered');
    assert.equal(report.pagesTransmitted, 3);
    assert.equal(report.failure, null);
    assert.equal(report.remoteStationId, '+1 604 555 0142');
    assert.equal(report.negotiatedBitRate, 14400);
    assert.ok((report.durationSeconds ?? 0) > 20, 'a 3-page call takes tens of seconds of line time');
    assert.deepEqual(report.completedAt, new Date('2030-01-02T03:04:05Z'));
    assert.deepEqual(progress, [
      [1, 3],
      [2, 3],
      [3, 3],
    ]);

    const record = await recordFor(store, s);
    assert.equal(record.callId, report.providerFaxId);
    assert.equal(record.localStationId, s.reference);
    assert.equal(record.completionCode, 0);
    assert.equal(record.pagesReceived, 3);
    assert.ok(record.receivedTiff);
    assert.equal(readImageDescription(record.receivedTiff), s.reference, 'the receiving machine logged our reference as the sender');
    await assertSamePages(threePages, record.receivedTiff, 3);
    await assertNoLeftovers(tempDir);
  });

  it('any other valid number reaches a normal fax machine', async () => {
    const { transport, store } = await makeLine();
    const s = submission('+442079460958', onePage, 1);
    const report = await transport.submit(s);
    assert.equal(report.status, 'delivered');
    assert.equal(report.remoteStationId, '+442079460958');
    await assertSamePages(onePage, (await recordFor(store, s)).receivedTiff!, 1);
  });

  it('0150: busy', async () => {
    const { transport, store, tempDir } = await makeLine();
    const s = submission('+12505550150', onePage, 1);
    const report = await transport.submit(s);
    assert.equal(report.status, 'failed');
    assert.equal(report.failure?.cause, 'busy');
    assert.equal(report.pagesTransmitted, 0);
    assert.equal(report.remoteStationId, null, 'no fax machine answered');
    assert.equal((await recordFor(store, s)).receivedTiff, null);
    await assertNoLeftovers(tempDir);
  });

  it('0151: nobody answers; the sender gives up when T.30 timer T0 runs out', async () => {
    const { transport } = await makeLine();
    const report = await transport.submit(submission('+14165550151', onePage, 1));
    assert.equal(report.status, 'failed');
    assert.equal(report.failure?.cause, 'no-answer');
    assert.equal(report.failure?.rawCode, 'T30:2');
    assert.equal(report.pagesTransmitted, 0);
    assert.ok((report.durationSeconds ?? 0) >= 55, 'about 60 s of ringing on the simulated line');
  });

  it('0152: a person answers; reported as voice and not retried', async () => {
    const { transport } = await makeLine();
    const report = await transport.submit(submission('+16045550152', onePage, 1));
    assert.equal(report.status, 'failed');
    assert.equal(report.failure?.cause, 'voice-answered');
    assert.equal(ERROR_CATALOG['voice-answered'].retryable, false);
    assert.equal(report.pagesTransmitted, 0);
  });

  it('0153: the line drops after page 1 — one page delivered, the rest left for a retry', async () => {
    const { transport, store } = await makeLine();
    const s = submission('+16045550153', threePages, 3);
    const report = await transport.submit(s);
    assert.equal(report.status, 'partially-delivered');
    assert.equal(report.pagesTransmitted, 1);
    assert.equal(report.failure?.cause, 'line-failure');
    assert.equal(report.failure?.rawCode, 'T30:21', 'T.30: no response after sending a page');
    const record = await recordFor(store, s);
    assert.equal(record.pagesReceived, 1);
    await assertSamePages(threePages, record.receivedTiff!, 1);
  });

  it('0153: a one-page fax still arrives before the line drops', async () => {
    const { transport } = await makeLine();
    const report = await transport.submit(submission('+16045550153', onePage, 1));
    assert.equal(report.status, 'delivered');
    assert.equal(report.pagesTransmitted, 1);
  });

  it('0154: the line drops after page 2', async () => {
    const { transport } = await makeLine();
    const report = await transport.submit(submission('+16045550154', threePages, 3));
    assert.equal(report.status, 'partially-delivered');
    assert.equal(report.pagesTransmitted, 2);
    assert.equal(report.failure?.cause, 'line-failure');
  });

  it('0155: a very noisy line fails the call', async () => {
    const { transport } = await makeLine();
    const report = await transport.submit(submission('+16045550155', onePage, 1));
    assert.equal(report.status, 'failed');
    assert.equal(report.failure?.cause, 'line-failure');
    assert.equal(report.pagesTransmitted, 0);
  });

  it('0156: a crackling line retrains at a lower speed and still delivers every page intact', async () => {
    const { transport, store } = await makeLine();
    const s = submission('+16045550156', threePages, 3);
    const report = await transport.submit(s);
    assert.equal(report.status, 'delivered');
    assert.equal(report.pagesTransmitted, 3);
    assert.equal(report.negotiatedBitRate, 12000, 'fell back from 14 400 bit/s after a failed training check');
    await assertSamePages(threePages, (await recordFor(store, s)).receivedTiff!, 3);
  });

  it('0157: the receiving machine refuses the document', async () => {
    const { transport, store } = await makeLine();
    const s = submission('+16045550157', onePage, 1);
    const report = await transport.submit(s);
    assert.equal(report.status, 'failed');
    assert.equal(report.failure?.cause, 'rejected-by-receiver');
    assert.equal(report.failure?.rawCode, 'T30:9', 'T.30: far end is not able to receive');
    assert.equal(report.remoteStationId, '+1 604 555 0157', 'a fax machine did answer');
    assert.equal(report.pagesTransmitted, 0);
    assert.equal((await recordFor(store, s)).receivedTiff, null);
  });

  it('over T.38 as well as over audio', async () => {
    const { transport, store } = await makeLine({ mode: 't38' });
    const s = submission('+16045550142', threePages, 3);
    const report = await transport.submit(s);
    assert.equal(report.status, 'delivered');
    await assertSamePages(threePages, (await recordFor(store, s)).receivedTiff!, 3);
    assert.equal((await transport.submit(submission('+16045550153', threePages, 3))).pagesTransmitted, 1);
    assert.equal((await transport.submit(submission('+16045550150', onePage, 1))).failure?.cause, 'busy');
  });
});

describe('test line: records, lookups and errors', () => {
  it('records the call before submit resolves, and finds it by reference, attempt and call id', async () => {
    const events: string[] = [];
    const inner = createMemoryCallStore();
    const store: TestLineCallStore = {
      async recordCall(record) {
        await inner.recordCall(record);
        events.push('recorded');
      },
      findCall: (reference, attempt) => inner.findCall(reference, attempt),
      findCallById: (callId) => inner.findCallById(callId),
    };
    const { transport } = await makeLine({ store });
    const s = submission('+16045550101', onePage, 1);
    const report = await transport.submit(s);
    events.push('resolved');
    assert.deepEqual(events, ['recorded', 'resolved']);

    assert.deepEqual(await transport.findByReference(s.reference, 1), report);
    assert.equal(await transport.findByReference(s.reference, 2), null);
    assert.equal(await transport.findByReference(`${s.reference}X`, 1), null);
    assert.deepEqual(await transport.getStatus(report.providerFaxId), report);
    await assert.rejects(transport.getStatus('no-such-call'), (e: unknown) => e instanceof FaxError && e.code === 'not-found');
  });

  it('does not resolve when the call cannot be recorded', async () => {
    const store: TestLineCallStore = {
      recordCall: async () => {
        throw new Error('database unavailable');
      },
      findCall: async () => null,
      findCallById: async () => null,
    };
    const { transport, tempDir } = await makeLine({ store });
    await assert.rejects(transport.submit(submission('+16045550101', onePage, 1)), /database unavailable/);
    await assertNoLeftovers(tempDir);
  });

  it('never dials the same attempt twice', async () => {
    const { transport, store } = await makeLine();
    const s = submission('+16045550101', onePage, 1);
    const first = await transport.submit(s);
    const again = await transport.submit(s);
    assert.equal(again.providerFaxId, first.providerFaxId);
    const next = await transport.submit({ ...s, attempt: 2 });
    assert.notEqual(next.providerFaxId, first.providerFaxId);
    assert.equal((await store.findCall(s.reference, 2))?.callId, next.providerFaxId);
  });

  it('refuses a damaged TIFF as a document error and records nothing', async () => {
    const { transport, store, tempDir } = await makeLine();
    const damaged = threePages.slice(0, 2000);
    const s = submission('+16045550142', damaged, 3);
    await assert.rejects(transport.submit(s), (e: unknown) => {
      assert.ok(e instanceof FaxError);
      assert.equal(e.code, 'document-error');
      assert.equal(e.retryable, false);
      assert.match(e.userMessage, /Nothing was sent/);
      return true;
    });
    await assert.rejects(transport.submit(submission('+16045550142', new TextEncoder().encode('not a tiff at all'), 1)), (e: unknown) => {
      return e instanceof FaxError && e.code === 'document-error';
    });
    assert.equal(await store.findCall(s.reference, 1), null);
    await assertNoLeftovers(tempDir);
  });

  it('refuses a number it cannot dial', async () => {
    const { transport } = await makeLine();
    for (const bad of ['6045550142', '+1604555014', '+0123456789', 'fax me']) {
      await assert.rejects(
        transport.submit(submission(bad, onePage, 1)),
        (e: unknown) => e instanceof FaxError && e.code === 'invalid-number',
      );
    }
  });
});

describe('test line: a helper that misbehaves', () => {
  async function scriptHelper(name: string, body: string): Promise<string> {
    const file = path.join(tempRoot, name);
    await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  it('kills a helper that hangs, reports a line failure and leaves no temporary files', async () => {
    const hanging = await scriptHelper('hanging-helper', 'exec sleep 30');
    const { transport, store, tempDir } = await makeLine({ helperPath: hanging, timeoutMs: 200 });
    const s = submission('+16045550142', onePage, 1);
    await assert.rejects(
      transport.submit(s),
      (e: unknown) => e instanceof FaxError && e.code === 'line-failure' && /in time/.test(e.userMessage),
    );
    assert.equal(await store.findCall(s.reference, 1), null);
    await assertNoLeftovers(tempDir);
  });

  it('reports a helper that crashes as a line failure', async () => {
    const crashing = await scriptHelper('crashing-helper', 'echo \'{"event":"dial"}\'\nkill -SEGV $$');
    const { transport, tempDir } = await makeLine({ helperPath: crashing });
    await assert.rejects(transport.submit(submission('+16045550142', onePage, 1)), (e: unknown) => {
      return e instanceof FaxError && e.code === 'line-failure' && /stopped unexpectedly/.test(e.userMessage);
    });
    await assertNoLeftovers(tempDir);
  });

  it('reports a missing helper plainly', async () => {
    const { transport } = await makeLine({ helperPath: path.join(tempRoot, 'no-such-helper') });
    await assert.rejects(
      transport.submit(submission('+16045550142', onePage, 1)),
      (e: unknown) => e instanceof FaxError && e.code === 'line-failure',
    );
  });

  it('hangs up when the fax is cancelled', async () => {
    const hanging = await scriptHelper('slow-helper', 'exec sleep 30');
    const { transport, store, tempDir } = await makeLine({ helperPath: hanging });
    const controller = new AbortController();
    const s = submission('+16045550142', onePage, 1);
    const pending = transport.submit(s, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (e: unknown) => e instanceof FaxError && e.code === 'cancelled');
    assert.equal(await store.findCall(s.reference, 1), null);
    await assertNoLeftovers(tempDir);
  });
});
