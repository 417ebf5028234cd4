/**
 * Fax engine benchmark. Prints figures; asserts nothing.
 *
 * - faxes accepted per second by POST /api/faxes (autocannon, 10 connections, each request renders a
 *   one-page chart entry and writes the fax, its document and its job in one transaction);
 * - queue throughput: those faxes sent through the test line by the in-process workers;
 * - median and p99 time from "accepted" to "sending" (the first attempt starting).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { startChartfax } from '../src/composition';

const DURATION_S = 15;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-bench-engine-'));
  const chartfax = await startChartfax(
    loadConfig({
      ...process.env,
      CHARTFAX_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      CHARTFAX_DEMO: 'true',
      CHARTFAX_QUEUE_POLL_SECONDS: '1',
    }),
    { http: true, workers: true },
  );
  try {
    const base = chartfax.url!;
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'frontdesk@demo.chartfax.test', password: 'demo-password' }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const entry = await chartfax.database.db
      .selectFrom('chart_entries')
      .select('id')
      .where('template_name', '=', 'SOAP Note')
      .orderBy('occurred_at')
      .limit(1)
      .executeTakeFirstOrThrow();
    const body = JSON.stringify({
      source: { type: 'chart-entry', chartEntryId: entry.id },
      recipient: { name: 'Benchmark Receiver', faxNumber: '+1 604 555 0142' },
      coverPage: { enabled: true, subject: 'Benchmark' },
    });
    const result = await autocannon({
      url: `${base}/api/faxes`,
      method: 'POST',
      connections: 10,
      duration: DURATION_S,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body,
    });
    const accepted = result['2xx'];

    // Let the workers finish what was accepted.
    const db = chartfax.database.db;
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const open = await db
        .selectFrom('faxes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['queued', 'rendering', 'sending', 'waiting-to-retry'])
        .executeTakeFirstOrThrow();
      if (Number(open.n) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const timings = await sql<{ waited_ms: number; started: Date; ended: Date | null }>`
      SELECT extract(epoch FROM (a.started_at - f.created_at)) * 1000 AS waited_ms, a.started_at AS started, a.ended_at AS ended
      FROM faxes f JOIN fax_attempts a ON a.fax_id = f.id AND a.attempt_number = 1`.execute(db);
    const waits = timings.rows.map((r) => Number(r.waited_ms)).sort((a, b) => a - b);
    const delivered = await db
      .selectFrom('faxes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'delivered')
      .executeTakeFirstOrThrow();
    const firstStart = Math.min(...timings.rows.map((r) => r.started.getTime()));
    const lastEnd = Math.max(...timings.rows.map((r) => (r.ended ?? r.started).getTime()));

    const lines = [
      [
        'Faxes accepted by POST /api/faxes',
        `${(accepted / DURATION_S).toFixed(1)} per second (${accepted} in ${DURATION_S} s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
      ],
      [
        'Queue throughput through the test line',
        `${((Number(delivered.n) / Math.max(1, lastEnd - firstStart)) * 1000).toFixed(1)} faxes per second (${delivered.n} delivered)`,
      ],
      ['Accepted → sending, median', `${percentile(waits, 50).toFixed(0)} ms`],
      ['Accepted → sending, p99', `${percentile(waits, 99).toFixed(0)} ms`],
    ];
    process.stdout.write('\nFax engine\n');
    for (const [label, value] of lines) process.stdout.write(`  ${label!.padEnd(44)} ${value}\n`);
    process.stdout.write('  (acceptance and sending compete for the same 2 cores while the load runs)\n');
  } finally {
    await chartfax.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
