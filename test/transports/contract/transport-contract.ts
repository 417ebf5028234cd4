/**
 * The one behaviour contract every fax transport must meet. Each transport plugs in a harness
 * (its transport plus whatever stands behind it: an emulator, the test line) and gets the same tests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ERROR_CATALOG, type FailureCause } from '../../../src/core/errors';
import type { FaxTransport, TransportDocument, TransportReport } from '../../../src/core/transport';
import { makeSubmission, makeTestDocument } from './test-document';

export interface TransportHarness {
  transport: FaxTransport;
  /** Destinations scripted to behave a known way (the 555-01xx table). */
  numbers: { delivered: string; busy: string; documentRejected: string };
  /** Caller id to send from, or null for the account default. */
  fromNumber: string | null;
  /**
   * The cause each transport gives for the "document rejected" number. It differs by design: a
   * provider refusing our file is a 'document-error' (never retried), while a receiving machine that
   * refuses pages (out of paper, memory full) is 'rejected-by-receiver', which the catalog retries.
   */
  causes: { documentRejected: FailureCause };
  /** The document to send (default: a small PDF with a placeholder TIFF, enough for providers). */
  makeDocument?(pages: number): Promise<TransportDocument>;
  /** Resolves with the attempt's final report (returns it as is for synchronous transports). */
  settle(report: TransportReport): Promise<TransportReport>;
  close(): Promise<void>;
}

const FINAL: ReadonlySet<TransportReport['status']> = new Set(['delivered', 'failed', 'partially-delivered']);

/** Settles an asynchronous attempt by reading its status until it is final. */
export async function settleByPolling(
  transport: FaxTransport,
  report: TransportReport,
  options: { intervalMs?: number; maxPolls?: number } = {},
): Promise<TransportReport> {
  let current = report;
  for (let poll = 0; !FINAL.has(current.status); poll += 1) {
    if (poll >= (options.maxPolls ?? 500)) throw new Error(`Attempt ${report.providerFaxId} never became final`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
    current = await transport.getStatus(report.providerFaxId);
  }
  return current;
}

export function runTransportContract(name: string, makeHarness: () => Promise<TransportHarness>): void {
  describe(`${name}: transport contract`, () => {
    let harness: TransportHarness;

    before(async () => {
      harness = await makeHarness();
    });
    const documentOf = (pages: number) => (harness.makeDocument ? harness.makeDocument(pages) : Promise.resolve(makeTestDocument(pages)));
    after(async () => {
      await harness.close();
    });

    it('delivers a fax to a working number and reports every page', async () => {
      const submission = makeSubmission({
        toNumber: harness.numbers.delivered,
        fromNumber: harness.fromNumber,
        document: await documentOf(3),
      });
      const accepted = await harness.transport.submit(submission);
      assert.ok(accepted.providerFaxId, 'the transport names the attempt');
      const final = await harness.settle(accepted);
      assert.equal(final.status, 'delivered');
      assert.equal(final.pagesTransmitted, 3);
      assert.equal(final.failure, null);
    });

    it('reports a busy line as failed with cause busy, which is retried', async () => {
      const submission = makeSubmission({
        toNumber: harness.numbers.busy,
        fromNumber: harness.fromNumber,
        document: await documentOf(2),
      });
      const final = await harness.settle(await harness.transport.submit(submission));
      assert.equal(final.status, 'failed');
      assert.equal(final.failure?.cause, 'busy');
      assert.equal(ERROR_CATALOG.busy.retryable, true);
    });

    it('reports a rejected document with the cause this transport gives it', async () => {
      const submission = makeSubmission({
        toNumber: harness.numbers.documentRejected,
        fromNumber: harness.fromNumber,
        document: await documentOf(2),
      });
      let cause: string | undefined;
      try {
        const final = await harness.settle(await harness.transport.submit(submission));
        assert.notEqual(final.status, 'delivered');
        cause = final.failure?.cause;
      } catch (error) {
        // Refusing the document at submission time is just as acceptable.
        cause = (error as { code?: string }).code;
      }
      assert.equal(cause, harness.causes.documentRejected);
      if (cause === 'document-error') assert.equal(ERROR_CATALOG[cause].retryable, false);
    });

    it('finds an attempt by reference and attempt number, never another attempt', async () => {
      const first = makeSubmission({
        toNumber: harness.numbers.delivered,
        fromNumber: harness.fromNumber,
        document: await documentOf(2),
      });
      const second = { ...first, attempt: 2 };
      const firstReport = await harness.transport.submit(first);
      const secondReport = await harness.transport.submit(second);
      assert.notEqual(firstReport.providerFaxId, secondReport.providerFaxId);

      const foundFirst = await harness.transport.findByReference(first.reference, 1);
      const foundSecond = await harness.transport.findByReference(first.reference, 2);
      assert.equal(foundFirst?.providerFaxId, firstReport.providerFaxId);
      assert.equal(foundSecond?.providerFaxId, secondReport.providerFaxId);
      assert.equal(await harness.transport.findByReference(first.reference, 3), null);
      assert.equal(await harness.transport.findByReference(`${first.reference}X`, 1), null);
      await harness.settle(firstReport);
      await harness.settle(secondReport);
    });

    it('reads the status of an accepted attempt', async () => {
      const submission = makeSubmission({
        toNumber: harness.numbers.delivered,
        fromNumber: harness.fromNumber,
        document: await documentOf(2),
      });
      const accepted = await harness.transport.submit(submission);
      const status = await harness.transport.getStatus(accepted.providerFaxId);
      assert.equal(status.providerFaxId, accepted.providerFaxId);
      assert.ok(['accepted', 'sending', 'delivered'].includes(status.status), `unexpected status ${status.status}`);
      const final = await harness.settle(accepted);
      assert.equal((await harness.transport.getStatus(accepted.providerFaxId)).status, final.status);
    });
  });
}
