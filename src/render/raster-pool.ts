/**
 * A pool of worker threads that rasterize and encode pages, so that a long document never blocks
 * the event loop. Workers start on first use and live until close().
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PageGeometry } from './raster-geometry';
import { webAssembly, type RasterRequest, type RasterResponse, type RasterWorkerData } from './raster-protocol';

export interface RasterPage {
  pageIndex: number;
  width: number;
  height: number;
  g4: Uint8Array;
  png: Uint8Array;
}

interface Task {
  request: RasterRequest;
  onPage: (page: RasterPage) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  task: Task | null;
}

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './raster-worker.ts' : './raster-worker.js', import.meta.url);

/** How a worker is started: its code (or file) and what it is given. Built once per process. */
interface WorkerRecipe {
  source: string | URL;
  eval: boolean;
  data: RasterWorkerData;
}

/**
 * A worker keeps one document open for a whole task, and PDFium keeps every page's parsed objects
 * until the document is closed (WebAssembly memory never shrinks either). Long documents are
 * therefore cut into tasks of at most this many pages: reopening costs well under a millisecond
 * plus the first page's font loading, and the pages spread evenly over the workers.
 */
const MAX_PAGES_PER_TASK = 16;

let recipePromise: Promise<WorkerRecipe> | null = null;

/**
 * Server code runs as TypeScript through tsx, and worker threads do not inherit its loader.
 * Registering tsx inside each worker costs 60–80 MB of memory per worker (its own esbuild service
 * and module cache), so instead the main thread, which has esbuild at hand anyway, bundles the
 * worker and its few imports into one plain JavaScript string once. Built .js code is used as is.
 *
 * PDFium's WebAssembly is compiled here once and handed to every worker, which shares the compiled
 * code instead of compiling its own copy.
 */
async function workerRecipe(): Promise<WorkerRecipe> {
  const pdfiumUrl = import.meta.resolve('@hyzyla/pdfium');
  const wasmModule = await webAssembly.compile(await readFile(new URL('pdfium.wasm', pdfiumUrl)));
  const data: RasterWorkerData = { wasmModule, pdfiumUrl };
  if (!WORKER_URL.pathname.endsWith('.ts')) return { source: WORKER_URL, eval: false, data };
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(WORKER_URL)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  return { source: result.outputFiles[0]!.text, eval: true, data };
}

function spawnWorker(recipe: WorkerRecipe): Worker {
  // A small young generation makes V8 collect the per-page garbage (PNG and G4 buffers, deflate
  // scratch) promptly instead of letting a long document's pages pile up.
  return new Worker(recipe.source, {
    eval: recipe.eval,
    workerData: recipe.data,
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
  });
}

export class RasterPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private nextJobId = 1;
  private closed = false;
  private recipe: WorkerRecipe | null = null;

  constructor(readonly size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('RasterPool size must be a positive integer');
  }

  /**
   * Rasterize the given pages (0-based, in output order) of a PDF. Pages are split into contiguous
   * runs, at least one per worker and at most MAX_PAGES_PER_TASK pages each.
   */
  async rasterize(
    pdf: Uint8Array,
    pageIndices: readonly number[],
    geometry: PageGeometry,
    onPage?: (done: number) => void,
  ): Promise<RasterPage[]> {
    if (this.closed) throw new Error('The renderer has been closed');
    if (!this.recipe) {
      recipePromise ??= workerRecipe();
      try {
        this.recipe = await recipePromise;
      } catch (error) {
        recipePromise = null; // let a later render try again
        throw error;
      }
      if (this.closed) throw new Error('The renderer has been closed');
    }
    const results = new Map<number, RasterPage>();
    const chunkCount = Math.max(Math.min(this.size, pageIndices.length), Math.ceil(pageIndices.length / MAX_PAGES_PER_TASK));
    const chunkSize = Math.ceil(pageIndices.length / Math.max(1, chunkCount));
    const tasks: Promise<void>[] = [];
    for (let start = 0; start < pageIndices.length; start += chunkSize) {
      const slice = pageIndices.slice(start, start + chunkSize);
      tasks.push(
        new Promise<void>((resolve, reject) => {
          this.queue.push({
            request: { jobId: this.nextJobId++, pdf: pdf.slice(), pageIndices: slice, geometry },
            onPage: (page) => {
              results.set(page.pageIndex, page);
              onPage?.(results.size);
            },
            resolve,
            reject,
          });
        }),
      );
    }
    this.dispatch();
    await Promise.all(tasks);
    return pageIndices.map((i) => {
      const page = results.get(i);
      if (!page) throw new Error(`Page ${i + 1} was not rasterized`);
      return page;
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.workers.find((w) => w.task === null);
      if (!slot && this.workers.length < this.size) slot = this.startWorker(this.recipe!);
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage(task.request, [task.request.pdf.buffer as ArrayBuffer]);
    }
  }

  private startWorker(recipe: WorkerRecipe): PoolWorker {
    const slot: PoolWorker = { worker: spawnWorker(recipe), task: null };
    this.workers.push(slot);
    slot.worker.on('message', (message: RasterResponse) => {
      const task = slot.task;
      if (!task || message.jobId !== task.request.jobId) return;
      if (message.type === 'page') {
        task.onPage({ pageIndex: message.pageIndex, width: message.width, height: message.height, g4: message.g4, png: message.png });
        return;
      }
      slot.task = null;
      if (message.type === 'done') task.resolve();
      else task.reject(new Error(`Rasterizing failed: ${message.message}`));
      this.dispatch();
    });
    const fail = (error: Error): void => {
      const index = this.workers.indexOf(slot);
      if (index >= 0) this.workers.splice(index, 1);
      const task = slot.task;
      slot.task = null;
      task?.reject(error);
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`A render worker stopped unexpectedly (exit code ${code})`));
    });
    return slot;
  }

  /** Stop every worker; rasterizations still waiting are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.queue.splice(0);
    for (const task of pending) task.reject(new Error('The renderer was closed'));
    const workers = this.workers.splice(0);
    for (const slot of workers) slot.task?.reject(new Error('The renderer was closed'));
    await Promise.all(workers.map((slot) => slot.worker.terminate()));
  }
}
