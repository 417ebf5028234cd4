/** Helpers for render tests: external tool checks, pixel decoding, text comparison. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileAsync = promisify(execFile);

const TOOL_PACKAGES: Record<string, string> = {
  tiffinfo: 'libtiff-tools',
  tiffdump: 'libtiff-tools',
  gs: 'ghostscript',
  tesseract: 'tesseract-ocr tesseract-ocr-eng',
};

/** Fails (never skips) with the Debian package to install when a tool is missing. */
export async function requireTool(name: string): Promise<void> {
  try {
    await execFileAsync('sh', ['-c', 'command -v "$1"', 'sh', name], { timeout: 5000 });
  } catch {
    throw new Error(`This test needs "${name}". Install it with: apt-get install -y ${TOOL_PACKAGES[name] ?? name}`);
  }
}

/** Run a program with an argv array and a timeout; returns stdout. */
export async function run(file: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await execFileAsync(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'chartfax-render-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Bitmap {
  width: number;
  height: number;
  /** One byte per pixel: 1 = black. */
  black: Uint8Array;
}

/** Decode any image sharp reads (PNG, PBM via gs, a TIFF page) into black/white pixels. */
export async function decodeBitmap(input: Uint8Array | string, page = 0): Promise<Bitmap> {
  const { data, info } = await sharp(input, { page }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const black = new Uint8Array(info.width * info.height);
  for (let i = 0; i < black.length; i++) black[i] = data[i * info.channels]! < 128 ? 1 : 0;
  return { width: info.width, height: info.height, black };
}

export function countDifferences(a: Bitmap, b: Bitmap): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let diff = 0;
  for (let i = 0; i < a.black.length; i++) if (a.black[i] !== b.black[i]) diff++;
  return diff;
}

export function levenshtein(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export const normalizeWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Character accuracy of `recognized` against `expected`: 1 - edit distance / expected length. */
export function characterAccuracy(expected: string, recognized: string): number {
  const e = normalizeWhitespace(expected);
  const r = normalizeWhitespace(recognized);
  return 1 - levenshtein(e, r) / e.length;
}
