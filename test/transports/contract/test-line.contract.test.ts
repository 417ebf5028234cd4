/**
 * The transport contract run against the test line: real T.30 calls through the native helper to
 * the virtual fax machine, with the scripted numbers of the 555-01xx table.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { ensureFaxLineHelper } from '../../../scripts/build-fax-line';
import { createMemoryCallStore } from '../../../src/transports/test-line/call-store';
import { createTestLineTransport } from '../../../src/transports/test-line/test-line-transport';
import { makeFaxTiff } from '../test-line/fax-pages';
import { makeTestPdf } from './test-document';
import { runTransportContract } from './transport-contract';

runTransportContract('test-line', async () => {
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'chartfax-contract-test-line-'));
  const transport = createTestLineTransport({ helperPath: await ensureFaxLineHelper(), store: createMemoryCallStore(), tempDir });
  const tiffs = new Map<number, Promise<Uint8Array>>();
  return {
    transport,
    numbers: {
      delivered: '+16045550142',
      busy: '+16045550150',
      // The receiving machine refuses the pages (as one out of paper would).
      documentRejected: '+16045550157',
    },
    fromNumber: null,
    // A machine that refuses pages may take them later: retried by the catalog, unlike a bad document.
    causes: { documentRejected: 'rejected-by-receiver' },
    async makeDocument(pages) {
      if (!tiffs.has(pages)) tiffs.set(pages, makeFaxTiff(pages));
      return { pdf: makeTestPdf(pages), tiff: await tiffs.get(pages)!, pageCount: pages };
    },
    // The call completes inside submit(): its report is already final.
    settle: async (report) => report,
    close: () => fs.rm(tempDir, { recursive: true, force: true }),
  };
});
