/**
 * Builds the test line's fax helper (native/fax-line/fax-line.c) into native/fax-line/build/fax-line,
 * dynamically linked against Debian's spandsp and libtiff (dynamic linking keeps spandsp's LGPL-2.1
 * terms simple: the system library can be replaced without relinking Chartfax).
 *
 *   npx tsx scripts/build-fax-line.ts        build if the source is newer than the binary; print the path
 *
 * Missing headers: as root, installs `libspandsp-dev libtiff-dev` (and gcc) with apt-get; otherwise
 * says exactly what to install and fails.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const SOURCE_PATH = path.join(root, 'native', 'fax-line', 'fax-line.c');
const BINARY_PATH = path.join(root, 'native', 'fax-line', 'build', 'fax-line');
const DEBIAN_PACKAGES = ['libspandsp-dev', 'libtiff-dev'] as const;
const COMPILE_TIMEOUT_MS = 120_000;
const APT_TIMEOUT_MS = 15 * 60_000;

interface RunResult {
  ok: boolean;
  missingProgram: boolean;
  output: string;
}

function run(program: string, args: string[], timeoutMs: number, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      program,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        resolve({ ok: error === null, missingProgram: code === 'ENOENT', output: `${stdout}${stderr}`.trim() });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** True when gcc can find spandsp's and libtiff's headers (a preprocessor run, no linking). */
async function headersPresent(): Promise<{ ok: boolean; gccMissing: boolean }> {
  const probe = '#include <tiffio.h>\n#include <spandsp.h>\n';
  const result = await run('gcc', ['-E', '-x', 'c', '-o', '/dev/null', '-'], COMPILE_TIMEOUT_MS, probe);
  return { ok: result.ok, gccMissing: result.missingProgram };
}

async function installPackages(packages: string[]): Promise<void> {
  process.stdout.write(`Installing ${packages.join(' ')} with apt-get …\n`);
  let result = await run('apt-get', ['install', '-y', ...packages], APT_TIMEOUT_MS);
  if (!result.ok) {
    // A fresh container often has no package lists yet.
    const update = await run('apt-get', ['update'], APT_TIMEOUT_MS);
    if (!update.ok) throw new Error(`apt-get update failed:\n${update.output}`);
    result = await run('apt-get', ['install', '-y', ...packages], APT_TIMEOUT_MS);
  }
  if (!result.ok) throw new Error(`apt-get install ${packages.join(' ')} failed:\n${result.output}`);
}

async function ensureBuildDependencies(): Promise<void> {
  const probe = await headersPresent();
  if (probe.ok) return;
  const packages = [...DEBIAN_PACKAGES, ...(probe.gccMissing ? ['gcc'] : [])];
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The test line's fax helper needs a C compiler and the spandsp and libtiff headers.\n` +
        `Install them, then run this again:\n\n  sudo apt-get install -y ${packages.join(' ')}\n`,
    );
  }
  await installPackages(packages);
  const again = await headersPresent();
  if (!again.ok) throw new Error(`Installed ${packages.join(' ')}, but gcc still cannot find spandsp.h or tiffio.h.`);
}

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Returns the absolute path of a built fax helper, compiling it first when the binary is missing or
 * older than its source. Safe to call from several processes at once: each compiles to its own
 * temporary file and renames it into place.
 */
export async function ensureFaxLineHelper(): Promise<string> {
  const sourceTime = await mtimeMs(SOURCE_PATH);
  if (sourceTime === null) throw new Error(`The fax helper's source is missing: ${SOURCE_PATH}`);
  const binaryTime = await mtimeMs(BINARY_PATH);
  if (binaryTime !== null && binaryTime >= sourceTime) return BINARY_PATH;

  await ensureBuildDependencies();
  await fs.mkdir(path.dirname(BINARY_PATH), { recursive: true });
  // Next to the binary (not in os.tmpdir()) so the rename stays on one filesystem.
  const temporary = `${BINARY_PATH}.${process.pid}.${Date.now()}.tmp`;
  const result = await run(
    'gcc',
    ['-O2', '-Wall', '-Wextra', '-std=gnu11', '-o', temporary, SOURCE_PATH, '-lspandsp', '-ltiff', '-lm'],
    COMPILE_TIMEOUT_MS,
  );
  if (!result.ok) {
    await fs.rm(temporary, { force: true });
    throw new Error(`The fax helper did not compile:\n${result.output}`);
  }
  await fs.rename(temporary, BINARY_PATH);
  return BINARY_PATH;
}

async function main(): Promise<void> {
  const started = Date.now();
  const binary = await ensureFaxLineHelper();
  process.stdout.write(`${binary} (${Date.now() - started} ms)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
