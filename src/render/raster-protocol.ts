/** Messages between the render pool and its worker threads. */
import type { PageGeometry } from './raster-geometry';

export interface RasterRequest {
  jobId: number;
  pdf: Uint8Array;
  /** 0-based page indices in the PDF, in output order. */
  pageIndices: number[];
  geometry: PageGeometry;
}

export type RasterResponse =
  | { type: 'page'; jobId: number; pageIndex: number; width: number; height: number; g4: Uint8Array; png: Uint8Array }
  | { type: 'done'; jobId: number }
  | { type: 'error'; jobId: number; message: string };

/** What every worker starts with. */
export interface RasterWorkerData {
  /** PDFium compiled once in the pool; a WebAssembly.Module is shared with workers, not copied. */
  wasmModule: WasmModule;
  /** URL of the @hyzyla/pdfium ESM entry, resolved by the pool. */
  pdfiumUrl: string;
}

/** A compiled WebAssembly.Module (opaque here). */
export type WasmModule = object;

/**
 * The two WebAssembly JS API calls the pool and workers make. Node has them globally, but this
 * project's TypeScript libs (no DOM) do not declare them.
 */
export const webAssembly = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; instantiate(module: WasmModule, imports: object): Promise<object> };
  }
).WebAssembly;
