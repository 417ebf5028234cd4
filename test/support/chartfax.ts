import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startChartfax, type Chartfax } from '../../src/composition';
import type { Clock } from '../../src/core/clock';
import { onFileEnd } from './cleanup';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestChartfax {
  chartfax: Chartfax;
  db: TestDatabase;
  dataDir: string;
}

/**
 * A real Chartfax (HTTP app, queue, renderer, test line) on a fresh test database, stopped when the
 * file ends. With `workers: false` the test drives the engine itself (advanceFax), step by step.
 */
export async function startTestChartfax(options: {
  workers: boolean;
  clock?: Clock;
  fetch?: typeof fetch;
  env?: Record<string, string>;
}): Promise<TestChartfax> {
  const db = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-test-'));
  onFileEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    CHARTFAX_DEMO: 'false',
    LOG_LEVEL: process.env.CHARTFAX_TEST_LOG_LEVEL ?? 'silent',
    CHARTFAX_DATA_DIR: dataDir,
    CHARTFAX_RENDER_THREADS: '1',
    CHARTFAX_QUEUE_POLL_SECONDS: '1',
    CHARTFAX_SECURE_COOKIES: 'true',
    ...options.env,
  });
  const chartfax = await startChartfax(config, { http: true, workers: options.workers, clock: options.clock, fetch: options.fetch });
  onFileEnd(() => chartfax.stop());
  return { chartfax, db, dataDir };
}
