/**
 * Worker thread: rasterizes pages of a laid-out PDF with PDFium, turns them into 1-bit fax pages
 * (global threshold, no dithering) and encodes each as G4 and as a PNG preview. One PDFium instance
 * per worker, reused for every job.
 */
import { parentPort } from 'node:worker_threads';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { encodeG4 } from './g4-encode';
import { encodeBilevelPng } from './png-encode';
import { FAX_WIDTH_PX, type PageGeometry } from './raster-geometry';
import type { RasterRequest, RasterResponse } from './raster-protocol';

/**
 * Gray levels below this are black. 160 rather than 128: anti-aliased strokes of small text stay
 * whole at 98 lpi (measured in docs/imaging research: "e" keeps its crossbar at t=160).
 */
export const THRESHOLD = 160;

function thresholdAndPack(gray: Uint8Array, geometry: PageGeometry): Uint8Array {
  const rowBytes = FAX_WIDTH_PX >> 3;
  const padBytes = geometry.padLeftPx >> 3;
  const w = geometry.renderWidthPx;
  const bits = new Uint8Array(rowBytes * geometry.heightPx);
  for (let y = 0; y < geometry.heightPx; y++) {
    let src = y * w;
    let dst = y * rowBytes + padBytes;
    for (let x = 0; x < w; x += 8) {
      let byte = 0;
      const n = Math.min(8, w - x);
      for (let b = 0; b < n; b++) if (gray[src + b]! < THRESHOLD) byte |= 0x80 >> b;
      bits[dst++] = byte;
      src += 8;
    }
  }
  return bits;
}

const libraryPromise = PDFiumLibrary.init();
const port = parentPort;
if (!port) throw new Error('raster-worker must run in a worker thread');

port.on('message', async (request: RasterRequest) => {
  let document: Awaited<ReturnType<PDFiumLibrary['loadDocument']>> | undefined;
  try {
    const library = await libraryPromise;
    document = await library.loadDocument(request.pdf);
    const g = request.geometry;
    for (const pageIndex of request.pageIndices) {
      // PDFium closes the page after each render, so load it again per page.
      const rendered = await document.getPage(pageIndex).render({
        width: g.renderWidthPx,
        height: g.heightPx,
        colorSpace: 'Gray',
        render: 'bitmap',
      });
      const bits = thresholdAndPack(rendered.data, g);
      const g4 = encodeG4(bits, FAX_WIDTH_PX, g.heightPx);
      const png = encodeBilevelPng(bits, FAX_WIDTH_PX, g.heightPx, g.dpiX, g.dpiY);
      const response: RasterResponse = { type: 'page', jobId: request.jobId, pageIndex, width: FAX_WIDTH_PX, height: g.heightPx, g4, png };
      port.postMessage(response, [g4.buffer as ArrayBuffer, png.buffer as ArrayBuffer]);
    }
    port.postMessage({ type: 'done', jobId: request.jobId } satisfies RasterResponse);
  } catch (error) {
    port.postMessage({ type: 'error', jobId: request.jobId, message: error instanceof Error ? error.message : String(error) } satisfies RasterResponse);
  } finally {
    document?.destroy();
  }
});
