/**
 * Build what running Chartfax needs: the web UI (Vite → dist/web) and the test line's fax helper
 * (C, against Debian's spandsp). `npm start` and `npm test` both call this; each part is skipped when
 * its output is newer than its sources.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildWeb(): void {
  const out = path.join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(newestMtime(path.join(root, 'src', 'web')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs > sources) return;
  process.stdout.write('Building the web UI …\n');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('The web UI did not build (see the Vite output above).');
}

async function buildFaxLine(): Promise<void> {
  const { ensureFaxLineHelper } = await import('./build-fax-line');
  await ensureFaxLineHelper();
}

async function main(): Promise<void> {
  buildWeb();
  await buildFaxLine();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
