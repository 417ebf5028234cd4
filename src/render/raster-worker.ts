/**
 * Worker thread: rasterizes pages of a laid-out PDF with PDFium, turns them into 1-bit fax pages
 * (global threshold, no dithering) and encodes each as G4 and as a PNG preview. One PDFium instance
 * per worker, reused for every job.
 *
 * This module runs as plain JavaScript (the pool bundles it, see raster-pool.ts), so it imports
 * nothing but Node built-ins and its own siblings: PDFium is loaded from the URL and compiled
 * WebAssembly module the pool passes in workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PDFiumDocument, PDFiumLibrary } from '@hyzyla/pdfium';
import { encodeG4 } from './g4-encode';
import { encodeBilevelPng } from './png-encode';
import { FAX_WIDTH_PX, type PageGeometry } from './raster-geometry';
import { webAssembly, type RasterRequest, type RasterResponse, type RasterWorkerData, type WasmModule } from './raster-protocol';

/**
 * Gray levels below this are black. 160 rather than 128: anti-aliased strokes of small text stay
 * whole at 98 lpi (measured in docs/imaging research: "e" keeps its crossbar at t=160).
 */
export const THRESHOLD = 160;

// Reused from page to page (a worker encodes one page at a time): per-page allocations of this size
// pile up as garbage faster than V8 collects it on long documents.
let scratchBits = new Uint8Array(0);

/**
 * Threshold and pack 8 gray pixels per byte (1 = black). Most of a page is paper white (255), so
 * runs of 8 white pixels are recognised with two 32-bit reads; the rest is compared pixel by pixel
 * without branches.
 */
function thresholdAndPack(gray: Uint8Array, geometry: PageGeometry): Uint8Array {
  const rowBytes = FAX_WIDTH_PX >> 3;
  const padBytes = geometry.padLeftPx >> 3;
  const w = geometry.renderWidthPx;
  const length = rowBytes * geometry.heightPx;
  if (scratchBits.length < length) scratchBits = new Uint8Array(length);
  const bits = scratchBits.subarray(0, length);
  bits.fill(0);
  // Render widths are multiples of 8 (1728 or 1680) and PDFium's bitmap comes from malloc (8-byte
  // aligned), so every group of 8 pixels is two aligned words.
  const words = gray.byteOffset % 4 === 0 ? new Uint32Array(gray.buffer, gray.byteOffset, gray.length >> 2) : null;
  const groups = w >> 3;
  for (let y = 0; y < geometry.heightPx; y++) {
    let src = y * w;
    let dst = y * rowBytes + padBytes;
    for (let x = 0; x < groups; x++, src += 8, dst++) {
      if (words !== null && (words[src >> 2]! & words[(src >> 2) + 1]!) === -1) continue;
      bits[dst] =
        (((gray[src]! - THRESHOLD) >>> 31) << 7) |
        (((gray[src + 1]! - THRESHOLD) >>> 31) << 6) |
        (((gray[src + 2]! - THRESHOLD) >>> 31) << 5) |
        (((gray[src + 3]! - THRESHOLD) >>> 31) << 4) |
        (((gray[src + 4]! - THRESHOLD) >>> 31) << 3) |
        (((gray[src + 5]! - THRESHOLD) >>> 31) << 2) |
        (((gray[src + 6]! - THRESHOLD) >>> 31) << 1) |
        ((gray[src + 7]! - THRESHOLD) >>> 31);
    }
  }
  return bits;
}

/**
 * The PDFium entry points we call directly. The wrapper's page.render() copies every bitmap out of
 * the WASM heap into a fresh 3–4 MB buffer and closes the page; for long documents that garbage
 * dominated memory (about +1 MB RSS per page). Rendering into one reused WASM bitmap and reading it in
 * place keeps a worker's memory flat. These are the standard PDFium C functions the wrapper itself
 * uses; the fallback below keeps working if a wrapper update hides them.
 */
interface PdfiumModule {
  HEAPU8: Uint8Array;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
  _FPDF_LoadPage(document: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, buffer: number, stride: number): number;
  _FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, color: number): void;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDF_RenderPageBitmap(bitmap: number, page: number, x: number, y: number, w: number, h: number, rotate: number, flags: number): void;
}

const FPDF_BITMAP_GRAY = 1;
const FPDF_ANNOT = 0x01;
const FPDF_GRAYSCALE = 0x08;
const FPDF_RENDER_NO_SMOOTHTEXT = 0x1000;
const FPDF_RENDER_NO_SMOOTHIMAGE = 0x2000;
const FPDF_RENDER_NO_SMOOTHPATH = 0x4000;
/**
 * Aliased rendering: every pixel comes out black or white, as a fax page must. Thresholding
 * anti-aliased gray instead gives ragged stem edges, which cost 2% more G4 bytes (measured on a
 * chart note set in DejaVu Sans: 14 353 vs 14 627 B) and make PDFium's rasterizer 2–3× slower; the text is as
 * legible (OCR test) though lighter.
 */
const RENDER_FLAGS = FPDF_ANNOT | FPDF_GRAYSCALE | FPDF_RENDER_NO_SMOOTHTEXT | FPDF_RENDER_NO_SMOOTHIMAGE | FPDF_RENDER_NO_SMOOTHPATH;

function directModule(document: PDFiumDocument): { module: PdfiumModule; documentIdx: number } | null {
  const internals = document as unknown as { module?: PdfiumModule; documentIdx?: number };
  const m = internals.module;
  const usable =
    m !== undefined &&
    typeof internals.documentIdx === 'number' &&
    typeof m._FPDF_LoadPage === 'function' &&
    typeof m._FPDFBitmap_CreateEx === 'function' &&
    typeof m._FPDF_RenderPageBitmap === 'function' &&
    typeof m.wasmExports?.malloc === 'function';
  return usable ? { module: m, documentIdx: internals.documentIdx! } : null;
}

async function renderPages(
  document: PDFiumDocument,
  request: RasterRequest,
  emit: (pageIndex: number, gray: Uint8Array) => void,
): Promise<void> {
  const g = request.geometry;
  const direct = directModule(document);
  if (!direct) {
    for (const pageIndex of request.pageIndices) {
      const rendered = await document
        .getPage(pageIndex)
        .render({ width: g.renderWidthPx, height: g.heightPx, colorSpace: 'Gray', render: 'bitmap' });
      emit(pageIndex, rendered.data);
    }
    return;
  }
  const { module: m, documentIdx } = direct;
  const size = g.renderWidthPx * g.heightPx;
  const ptr = m.wasmExports.malloc(size);
  if (ptr === 0) throw new Error('PDFium could not allocate a page bitmap');
  const bitmap = m._FPDFBitmap_CreateEx(g.renderWidthPx, g.heightPx, FPDF_BITMAP_GRAY, ptr, g.renderWidthPx);
  try {
    for (const pageIndex of request.pageIndices) {
      const page = m._FPDF_LoadPage(documentIdx, pageIndex);
      if (!page) throw new Error(`PDFium could not load page ${pageIndex + 1}`);
      try {
        m._FPDFBitmap_FillRect(bitmap, 0, 0, g.renderWidthPx, g.heightPx, 0xffffffff);
        m._FPDF_RenderPageBitmap(bitmap, page, 0, 0, g.renderWidthPx, g.heightPx, 0, RENDER_FLAGS);
      } finally {
        m._FPDF_ClosePage(page);
      }
      // A view, not a copy: used before the next render overwrites it. HEAPU8 is re-read because
      // the WASM memory may have grown (and been replaced) meanwhile.
      emit(pageIndex, m.HEAPU8.subarray(ptr, ptr + size));
    }
  } finally {
    m._FPDFBitmap_Destroy(bitmap);
    m.wasmExports.free(ptr);
  }
}

const data = workerData as RasterWorkerData;

async function initLibrary(): Promise<PDFiumLibrary> {
  const { PDFiumLibrary: Library } = (await import(data.pdfiumUrl)) as typeof import('@hyzyla/pdfium');
  // The pool compiled PDFium once; instantiating that module shares its machine code between
  // workers instead of every worker compiling (and keeping) its own copy.
  // Emscripten calls back with (instance, module), whatever the wrapper's typing says.
  const instantiateWasm = (imports: object, receive: (instance: object, module: WasmModule) => void): object => {
    void webAssembly.instantiate(data.wasmModule, imports).then((instance) => receive(instance, data.wasmModule));
    return {};
  };
  return Library.init({ instantiateWasm } as unknown as Parameters<typeof Library.init>[0]);
}

const libraryPromise = initLibrary();
const port = parentPort;
if (!port) throw new Error('raster-worker must run in a worker thread');

port.on('message', async (request: RasterRequest) => {
  let document: PDFiumDocument | undefined;
  try {
    const library = await libraryPromise;
    document = await library.loadDocument(request.pdf);
    const g = request.geometry;
    await renderPages(document, request, (pageIndex, gray) => {
      const bits = thresholdAndPack(gray, g);
      const g4 = encodeG4(bits, FAX_WIDTH_PX, g.heightPx);
      const png = encodeBilevelPng(bits, FAX_WIDTH_PX, g.heightPx, g.dpiX, g.dpiY);
      const response: RasterResponse = { type: 'page', jobId: request.jobId, pageIndex, width: FAX_WIDTH_PX, height: g.heightPx, g4, png };
      port.postMessage(response, [g4.buffer as ArrayBuffer, png.buffer as ArrayBuffer]);
    });
    port.postMessage({ type: 'done', jobId: request.jobId } satisfies RasterResponse);
  } catch (error) {
    port.postMessage({
      type: 'error',
      jobId: request.jobId,
      message: error instanceof Error ? error.message : String(error),
    } satisfies RasterResponse);
  } finally {
    document?.destroy();
  }
});
