/**
 * `npm test`: everything CI runs, in order — lint, typecheck, build what the tests need, then every
 * test file (unit, integration, browser) against a throw-away embedded PostgreSQL cluster.
 *
 *   npm test                       the whole suite
 *   npm test -- test/http          only test files whose path contains one of the arguments
 *   CHARTFAX_TEST_SKIP_CHECKS=1    skip lint and typecheck (quicker local loops)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { connectDatabase } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrate';
import { startJobQueue } from '../src/jobs/queue';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);
const skipChecks = process.env.CHARTFAX_TEST_SKIP_CHECKS === '1' || filters.length > 0;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function step(title: string) {
  process.stdout.write(`\n=== ${title} ===\n`);
}

function findTestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTestFiles(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

async function main(): Promise<number> {
  const npx = (args: string[]) => run(process.execPath, [path.join(root, 'node_modules', '.bin', args[0]!), ...args.slice(1)]);
  if (!skipChecks) {
    step('lint');
    if ((await npx(['eslint', '--max-warnings=0', '.'])) !== 0) return 1;
    if ((await npx(['prettier', '--check', '--log-level=warn', 'src', 'test', 'scripts', 'emulators', 'eslint.config.js'])) !== 0) {
      process.stderr.write('Some files are not formatted: run npm run format\n');
      return 1;
    }
    step('typecheck');
    if ((await npx(['tsc', '--noEmit', '-p', 'tsconfig.json'])) !== 0) return 1;
    if ((await npx(['tsc', '--noEmit', '-p', 'src/web/tsconfig.json'])) !== 0) return 1;
  }
  step('build');
  if ((await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts'])) !== 0) return 1;

  const files = findTestFiles(path.join(root, 'test'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`No test files match ${filters.join(', ')}\n`);
    return 1;
  }

  step(`tests (${files.length} files)`);
  // Under the system temp folder: as root, PostgreSQL runs as "postgres", which may not reach the clone.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-test-pg-'));
  fs.chmodSync(dataDir, 0o755);
  const cluster = await startEmbeddedPostgres(dataDir);
  try {
    const adminClient = new pg.Client({ connectionString: cluster.adminUrl });
    await adminClient.connect();
    await adminClient.query('CREATE DATABASE chartfax_template');
    await adminClient.end();
    const templateUrl = new URL(cluster.adminUrl);
    templateUrl.pathname = '/chartfax_template';
    const template = connectDatabase(templateUrl.toString(), { max: 1 });
    await migrateToLatest(template.db as never);
    await template.close();
    // The queue's own schema goes into the template too, so each test database starts complete.
    const queue = await startJobQueue({
      connectionString: templateUrl.toString(),
      expireInSeconds: 60,
      maintenanceIntervalSeconds: 3600,
      pollingIntervalSeconds: 10,
    });
    await queue.stop();

    const env = { ...process.env, CHARTFAX_TEST_PG_ADMIN_URL: cluster.adminUrl, CHARTFAX_TEST_DATA_DIR: dataDir };
    fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
    const tapFile = path.join(root, '.tmp', `test-results-${process.pid}.tap`);
    const code = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=2',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tapFile}`,
        ...files,
      ],
      env,
    );
    const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
    const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
    fs.rmSync(tapFile, { force: true });
    process.stdout.write(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped\n`);
    return code;
  } finally {
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
