/**
 * Render pipeline benchmark. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench-render.ts [--rounds N]
 *
 * - our pages per second per core for a one-page chart note and a ~30-page date range, steady state
 *   (after warm-up), one worker thread. Two figures: pages per wall-clock second, and pages per
 *   CPU-second of the whole process (main thread + worker). The second is the per-core figure that
 *   holds on a shared, loaded machine, where wall time also counts other processes' turns;
 * - Ghostscript's tiffg4 device on the same laid-out PDFs (whole process per job, as a fax server
 *   would spawn it), side by side;
 * - G4 TIFF bytes per page for both;
 * - peak RSS of a 200-page render in a fresh child process, default thread count and one thread.
 * Every timed figure is the median of several rounds; the load average is printed with them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer, type Renderer } from '../src/render/index';
import { composeDocument } from '../src/render/compose';
import type { FaxDocumentSpec } from '../src/core/fax-document';
import { baseSpec, dateRange } from '../test/render/fixtures/specs';

/** Number of days in the date-range fixture whose page count is closest to `target` without going over. */
async function daysForPages(target: number): Promise<number> {
  let lo = 1;
  let hi = 500;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const pages = await composeDocument(dateRange(mid)).then(
      (doc) => doc.totalPages,
      () => Number.POSITIVE_INFINITY, // over the page limit
    );
    if (pages <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Child process: render one long document and report the peak RSS of the whole process. */
async function rssChild(days: number, threads: number | undefined): Promise<void> {
  const spec = dateRange(days);
  const renderer = createRenderer({ threads });
  try {
    const fax = await renderer.render(spec);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024; // KiB → MiB
    process.stdout.write(JSON.stringify({ pages: fax.pageCount, peakRssMiB, threads: threads ?? availableParallelism() }) + '\n');
  } finally {
    await renderer.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Round {
  wallPagesPerSecond: number;
  cpuPagesPerSecond: number;
  bytesPerPage: number;
  pagesPerDoc: number;
}

async function timeRenders(renderer: Renderer, spec: FaxDocumentSpec, minPages: number): Promise<Round> {
  let pages = 0;
  let bytes = 0;
  let docs = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (pages < minPages) {
    const fax = await renderer.render(spec);
    pages += fax.pageCount;
    bytes += fax.tiff.length;
    docs++;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    wallPagesPerSecond: pages / seconds,
    cpuPagesPerSecond: pages / cpuSeconds,
    bytesPerPage: bytes / pages,
    pagesPerDoc: pages / docs,
  };
}

function gsTiffG4(pdfFile: string, outFile: string): number {
  const start = performance.now();
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffg4', '-r204x196', `-sOutputFile=${outFile}`, pdfFile], {
    timeout: 120_000,
  });
  return performance.now() - start;
}

function measureRss(days: number, threads: number | undefined): string {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--rss-child', String(days), ...(threads ? [String(threads)] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
  if (child.status !== 0) return `peak RSS child failed: ${child.stderr.split('\n').slice(0, 5).join(' ')}`;
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { pages: number; peakRssMiB: number; threads: number };
  return `Peak RSS of a ${r.pages}-page render, whole process, ${threads ? `${r.threads} thread` : `default ${r.threads} threads`}: ${r.peakRssMiB.toFixed(0)} MiB (${((r.peakRssMiB * 1048576) / 1e6).toFixed(0)} MB)`;
}

async function main(): Promise<void> {
  const roundsFlag = process.argv.indexOf('--rounds');
  const rounds = roundsFlag >= 0 ? Number(process.argv[roundsFlag + 1]) : 5;
  const loadBefore = loadavg();
  const renderer = createRenderer({ threads: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'chartfax-bench-'));
  try {
    const note = baseSpec();
    const range = dateRange(await daysForPages(30));
    const longDays = await daysForPages(200);

    // Warm-up: worker start, WASM instantiation, font caches, JIT tiers.
    for (let i = 0; i < 15; i++) await renderer.render(note);
    await renderer.render(range);

    const noteRounds: Round[] = [];
    const rangeRounds: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      noteRounds.push(await timeRenders(renderer, note, 40));
      rangeRounds.push(await timeRenders(renderer, range, 60));
    }
    const ours = (list: Round[], key: keyof Round) => median(list.map((x) => x[key]));

    // Ghostscript on the same laid-out PDFs.
    const notePdf = join(dir, 'note.pdf');
    const rangePdf = join(dir, 'range.pdf');
    writeFileSync(notePdf, (await composeDocument(note)).pdf);
    writeFileSync(rangePdf, (await composeDocument(range)).pdf);
    const rangePages = ours(rangeRounds, 'pagesPerDoc');
    let gs: { noteMs: number; rangeMs: number; noteBytes: number; rangeBytes: number } | null = null;
    try {
      gsTiffG4(notePdf, join(dir, 'warm.tif'));
      const noteMs: number[] = [];
      const rangeMs: number[] = [];
      for (let r = 0; r < Math.max(rounds, 5); r++) {
        noteMs.push(gsTiffG4(notePdf, join(dir, 'note.tif')));
        rangeMs.push(gsTiffG4(rangePdf, join(dir, 'range.tif')));
      }
      gs = {
        noteMs: median(noteMs),
        rangeMs: median(rangeMs),
        noteBytes: statSync(join(dir, 'note.tif')).size,
        rangeBytes: statSync(join(dir, 'range.tif')).size / rangePages,
      };
    } catch (error) {
      console.log(
        `Ghostscript not run (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install -y ghostscript`,
      );
    }

    const rssLines = [measureRss(longDays, undefined), measureRss(longDays, 1)];
    const loadAfter = loadavg();

    const fmt = (n: number, digits = 1) => n.toFixed(digits);
    const col = (s: string) => s.padStart(14);
    const gsCol = (f: (g: NonNullable<typeof gs>) => string) => col(gs ? f(gs) : 'n/a');
    console.log(`\nChartfax render benchmark (fine, Letter; one worker thread; medians of ${rounds} rounds)`);
    console.log(
      `Load average (1 min) ${fmt(loadBefore[0]!, 2)} before, ${fmt(loadAfter[0]!, 2)} after, on ${availableParallelism()} cores\n`,
    );
    console.log(`${''.padEnd(38)}${col('Chartfax')}${col('Ghostscript')}`);
    console.log(`1-page note    pages/s per CPU-second${col(fmt(ours(noteRounds, 'cpuPagesPerSecond')))}${col('')}`);
    console.log(
      `1-page note    pages/s wall clock    ${col(fmt(ours(noteRounds, 'wallPagesPerSecond')))}${gsCol((g) => fmt(1000 / g.noteMs))}`,
    );
    console.log(
      `${String(rangePages).padStart(2)}-page range  pages/s per CPU-second${col(fmt(ours(rangeRounds, 'cpuPagesPerSecond')))}${col('')}`,
    );
    console.log(
      `${String(rangePages).padStart(2)}-page range  pages/s wall clock    ${col(fmt(ours(rangeRounds, 'wallPagesPerSecond')))}${gsCol((g) => fmt((rangePages * 1000) / g.rangeMs))}`,
    );
    console.log(
      `1-page note    G4 TIFF bytes/page    ${col(fmt(ours(noteRounds, 'bytesPerPage'), 0))}${gsCol((g) => fmt(g.noteBytes, 0))}`,
    );
    console.log(
      `${String(rangePages).padStart(2)}-page range  G4 TIFF bytes/page    ${col(fmt(ours(rangeRounds, 'bytesPerPage'), 0))}${gsCol((g) => fmt(g.rangeBytes, 0))}`,
    );
    if (gs) {
      const marginal = (gs.rangeMs - gs.noteMs) / (rangePages - 1);
      console.log(
        `\nGhostscript (one process per job, wall clock): ${fmt(marginal)} ms per extra page + ${fmt(gs.noteMs - marginal, 0)} ms start-up per job`,
      );
    }
    console.log(
      'Chartfax per-round pages/s per CPU-second, note:',
      noteRounds.map((x) => fmt(x.cpuPagesPerSecond)).join(' '),
      '| range:',
      rangeRounds.map((x) => fmt(x.cpuPagesPerSecond)).join(' '),
    );
    console.log('');
    for (const line of rssLines) console.log(line);
    console.log('\nTargets: ≥ 25 pages/s per core; G4 bytes/page ≤ Ghostscript; 200-page peak RSS < 300 MB (default threads).');
  } finally {
    await renderer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rssFlag = process.argv.indexOf('--rss-child');
if (rssFlag >= 0) {
  const threads = process.argv[rssFlag + 2];
  await rssChild(Number(process.argv[rssFlag + 1]), threads ? Number(threads) : undefined);
} else {
  await main();
}
