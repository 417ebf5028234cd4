/**
 * Prints what a test-line call costs: wall-clock milliseconds for a 1-page and a 3-page fax through
 * the whole transport (temp folder, helper process, T.30 call, store), next to the simulated line
 * time and bit rate. A figure, not a test.
 *
 *   npx tsx scripts/build-fax-line.ts && npx tsx src/transports/test-line/measure.ts [runs]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createMemoryCallStore } from './call-store';
import { createTestLineTransport } from './test-line-transport';

const WIDTH_PX = 1728;
const HEIGHT_PX = 2156; // Letter at 196 lines/inch

/** A page of letter-sized marks in words and lines: about the ink and G4 size of a typed chart note. */
function pageSvg(page: number): string {
  let marks = '';
  for (let row = 0; row < 60; row += 1) {
    let x = 120;
    for (let word = 0; word < 14 && x < 1500; word += 1) {
      const letters = 2 + ((row * 7 + word * 5 + page) % 8);
      for (let letter = 0; letter < letters; letter += 1) {
        const tall = (row + word + letter) % 3 === 0;
        marks += `<rect x="${x}" y="${250 + row * 30 + (tall ? 0 : 6)}" width="${7 + ((letter * 3 + word) % 5)}" height="${tall ? 18 : 12}" fill="#000"/>`;
        x += 14;
      }
      x += 16;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_PX}" height="${HEIGHT_PX}"><rect width="100%" height="100%" fill="#fff"/>${marks}</svg>`;
}

async function makeTiff(pages: number): Promise<Uint8Array> {
  const raws = await Promise.all(
    Array.from({ length: pages }, (_, i) =>
      sharp(Buffer.from(pageSvg(i)))
        .greyscale()
        .threshold(160)
        .extractChannel(0)
        .raw()
        .toBuffer(),
    ),
  );
  const tiff = await sharp(Buffer.concat(raws), { raw: { width: WIDTH_PX, height: HEIGHT_PX * pages, channels: 1, pageHeight: HEIGHT_PX } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: 204 / 25.4, yres: 196 / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
  return new Uint8Array(tiff);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(process.argv[2] ?? 10) || 10);
  const helperPath = path.resolve(import.meta.dirname, '..', '..', '..', 'native', 'fax-line', 'build', 'fax-line');
  try {
    await fs.access(helperPath);
  } catch {
    throw new Error(`No fax helper at ${helperPath}. Build it first: npx tsx scripts/build-fax-line.ts`);
  }
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'chartfax-measure-'));
  try {
    const transport = createTestLineTransport({ helperPath, store: createMemoryCallStore(), tempDir });
    process.stdout.write(`test line, audio (V.17 + ECM), median of ${runs} calls on ${os.cpus().length} cores\n`);
    for (const [pages, number] of [
      [1, '+16045550142'],
      [3, '+16045550142'],
      [3, '+16045550156'],
    ] as const) {
      const tiff = await makeTiff(pages);
      const walls: number[] = [];
      let last = null as Awaited<ReturnType<typeof transport.submit>> | null;
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        last = await transport.submit({
          faxId: `measure-${pages}-${run}`,
          reference: `CF-M${pages}${number.slice(-2)}${run}`,
          attempt: 1,
          toNumber: number,
          fromNumber: null,
          recipientName: 'Measurement',
          document: { pdf: new Uint8Array(), tiff, pageCount: pages },
        });
        walls.push(performance.now() - started);
      }
      process.stdout.write(
        `  ${pages} page(s) to …${number.slice(-4)}: ${median(walls).toFixed(1)} ms wall, ` +
          `${last?.durationSeconds?.toFixed(2)} s on the line, ${last?.negotiatedBitRate} bit/s, ${last?.status}, ` +
          `${(tiff.byteLength / pages / 1024).toFixed(1)} KB/page G4\n`,
      );
    }
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
