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
