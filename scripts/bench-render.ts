/**
 * Render pipeline benchmark. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench-render.ts
 *
 * - our pages per second on one worker thread (≈ one core) for a one-page chart note and for a
 *   30-page date range, steady state;
 * - Ghostscript's tiffg4 device on the same laid-out PDF (whole process per job, as a fax server
 *   would spawn it), and its marginal cost per page;
 * - G4 bytes per page for both;
 * - peak RSS of a ~200-page render (measured in a child process).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer } from '../src/render/index';
import { composeDocument } from '../src/render/compose';
import type { FaxDocumentSpec } from '../src/core/fax-document';
import { baseSpec, dateRange } from '../test/render/fixtures/specs';


async function specWithPages(target: number): Promise<FaxDocumentSpec> {
  // Find the date range whose page count is closest to `target` without going over.
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
  return dateRange(lo);
}

async function rssChild(threads: number | undefined): Promise<void> {
  const spec = await specWithPages(200);
  const renderer = createRenderer({ threads });
  try {
    const fax = await renderer.render(spec);
    const rss = process.resourceUsage().maxRSS / 1024; // KiB → MiB
    process.stdout.write(JSON.stringify({ pages: fax.pageCount, peakRssMiB: rss, threads: threads ?? 'default' }) + '\n');
  } finally {
    await renderer.close();
  }
}

function gsTiffG4(pdfFile: string, outFile: string): number {
  const start = performance.now();
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffg4', '-r204x196', `-sOutputFile=${outFile}`, pdfFile], { timeout: 120_000 });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const renderer = createRenderer({ threads: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'chartfax-bench-'));
  try {
    const note = baseSpec();
    const range = await specWithPages(30);

    // Warm up (WASM compile, font loading, JIT).
    for (let i = 0; i < 5; i++) await renderer.render(note);

    const timeRenders = async (spec: FaxDocumentSpec, runs: number) => {
      let pages = 0;
      let bytes = 0;
      const start = performance.now();
      for (let i = 0; i < runs; i++) {
        const fax = await renderer.render(spec);
        pages += fax.pageCount;
        bytes += fax.tiff.length;
      }
      const seconds = (performance.now() - start) / 1000;
      return { pagesPerSecond: pages / seconds, bytesPerPage: bytes / pages, pagesPerDoc: pages / runs };
    };
    const oursNote = await timeRenders(note, 40);
    const oursRange = await timeRenders(range, 4);

    // Ghostscript on the same laid-out PDFs.
    const notePdf = join(dir, 'note.pdf');
    const rangePdf = join(dir, 'range.pdf');
    writeFileSync(notePdf, (await composeDocument(note)).pdf);
    writeFileSync(rangePdf, (await composeDocument(range)).pdf);
    let gs: { note: number; range: number; noteBytes: number; rangeBytes: number } | null = null;
    try {
      gsTiffG4(notePdf, join(dir, 'warm.tif'));
      const runs = 10;
      let noteMs = 0;
      let rangeMs = 0;
      for (let i = 0; i < runs; i++) noteMs += gsTiffG4(notePdf, join(dir, 'note.tif'));
      for (let i = 0; i < 3; i++) rangeMs += gsTiffG4(rangePdf, join(dir, 'range.tif'));
      gs = {
        note: noteMs / runs,
        range: rangeMs / 3,
        noteBytes: statSync(join(dir, 'note.tif')).size,
        rangeBytes: statSync(join(dir, 'range.tif')).size / oursRange.pagesPerDoc,
      };
    } catch (error) {
      console.log(`Ghostscript not run (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install -y ghostscript`);
    }

    const measureRss = (threads: string[]) => {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--rss-child', ...threads], { encoding: 'utf8', timeout: 600_000 });
      if (child.status !== 0) return `peak RSS child failed: ${child.stderr.split('\n').slice(0, 5).join(' ')}`;
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { pages: number; peakRssMiB: number; threads: string | number };
      return `Peak RSS of a ${r.pages}-page render (whole process, threads: ${r.threads}): ${r.peakRssMiB.toFixed(0)} MiB`;
    };
    const rssLines = [measureRss([]), measureRss(['1'])];

    const fmt = (n: number, digits = 1) => n.toFixed(digits);
    console.log('\nChartfax render benchmark (fine, Letter; one worker thread ≈ one core)\n');
    console.log('                                   Chartfax (pdfkit→PDFium→G4)   Ghostscript tiffg4 (whole process)');
    console.log(
      `1-page chart note   pages/s/core   ${fmt(oursNote.pagesPerSecond).padStart(10)}                    ${gs ? fmt(1000 / gs.note).padStart(10) : '       n/a'}`,
    );
    console.log(
      `${String(oursRange.pagesPerDoc).padStart(2)}-page date range  pages/s/core   ${fmt(oursRange.pagesPerSecond).padStart(10)}                    ${gs ? fmt((oursRange.pagesPerDoc * 1000) / gs.range).padStart(10) : '       n/a'}`,
    );
    if (gs) {
      const marginal = (gs.range - gs.note) / (oursRange.pagesPerDoc - 1);
      console.log(`Ghostscript marginal cost per page: ${fmt(marginal)} ms (≈ ${fmt(1000 / marginal, 0)} pages/s) + ${fmt(gs.note - marginal, 0)} ms start-up per job`);
    }
    console.log(
      `G4 bytes per page   note           ${fmt(oursNote.bytesPerPage, 0).padStart(10)}                    ${gs ? fmt(gs.noteBytes, 0).padStart(10) : '       n/a'}`,
    );
    console.log(
      `G4 bytes per page   date range     ${fmt(oursRange.bytesPerPage, 0).padStart(10)}                    ${gs ? fmt(gs.rangeBytes, 0).padStart(10) : '       n/a'}`,
    );
    console.log('(TIFF file size per page, headers included, for both)');
    console.log('');
    for (const line of rssLines) console.log(line);
    console.log('Targets: ≥ 25 pages/s per core; bytes/page ≤ Ghostscript; 200-page peak < 300 MB.');
  } finally {
    await renderer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rssFlag = process.argv.indexOf('--rss-child');
if (rssFlag >= 0) await rssChild(process.argv[rssFlag + 1] ? Number(process.argv[rssFlag + 1]) : undefined);
else await main();
