/**
 * `npm run bench`: every benchmark, one after the other, printing figures (no pass/fail).
 *   npm run bench                 all of them
 *   npm run bench -- render       only those whose name contains "render"
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const BENCHMARKS = [
  { name: 'service', script: 'scripts/bench-service.ts' },
  { name: 'render', script: 'scripts/bench-render.ts' },
  { name: 'fax-engine', script: 'scripts/bench-fax-engine.ts' },
];
const filters = process.argv.slice(2);
let failed = false;
for (const bench of BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)))) {
  process.stdout.write(`\n### ${bench.name}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench.script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
