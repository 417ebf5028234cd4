/**
 * Service benchmark. Prints figures; asserts nothing.
 *
 * - time until /readyz answers 200, on a fresh data directory (embedded PostgreSQL initialised,
 *   migrated, demo clinic created) and again on the existing one;
 * - the chart-entry list of the demo patient with 500+ entries under 50 concurrent clients
 *   (autocannon): p50/p99 latency and requests per second;
 * - peak RSS of the server process (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, CHARTFAX_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('Chartfax exited during start-up');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return { child, readyMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-bench-'));
  const port = await freePort();
  try {
    const fresh = await startServer(dataDir, port);
    await stopServer(fresh.child);
    const again = await startServer(dataDir, port);
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'frontdesk@demo.chartfax.test', password: 'demo-password' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const patients = (await (await fetch(`${base}/api/patients?query=&limit=100`, { headers: { cookie } })).json()) as {
      patients: { id: string; identifiers: { value: string }[] }[];
    };
    let patientId = patients.patients.find((p) => p.identifiers.some((i) => i.value === 'benchmark-patient'))?.id;
    for (let offset = 100; !patientId && offset < 2000; offset += 100) {
      const page = (await (
        await fetch(`${base}/api/patients?limit=100&offset=${offset}`, { headers: { cookie } })
      ).json()) as typeof patients;
      patientId = page.patients.find((p) => p.identifiers.some((i) => i.value === 'benchmark-patient'))?.id;
      if (page.patients.length === 0) break;
    }
    if (!patientId) throw new Error('The demo clinic has no benchmark patient.');
    const pageUrl = `${base}/api/patients/${patientId}/chart-entries?limit=50`;
    const allUrl = `${base}/api/patients/${patientId}/chart-entries?limit=500`;
    const total = ((await (await fetch(pageUrl, { headers: { cookie } })).json()) as { total: number }).total;
    // What the chart screen asks for (the newest 50, with the total), and the whole chart at once.
    const result = await autocannon({ url: pageUrl, connections: 50, duration: 15, headers: { cookie } });
    const all = await autocannon({ url: allUrl, connections: 50, duration: 15, headers: { cookie } });
    const rss = peakRssMb(again.child.pid!);
    await stopServer(again.child);

    const lines = [
      ['Time to ready, fresh data directory', `${(fresh.readyMs / 1000).toFixed(2)} s`],
      ['Time to ready, existing data directory', `${(again.readyMs / 1000).toFixed(2)} s`],
      [`Chart page (newest 50 of ${total}), 50 clients: p50`, `${result.latency.p50} ms`],
      ['Chart page p99', `${result.latency.p99} ms`],
      ['Chart page throughput', `${result.requests.average.toFixed(1)} req/s (${result.non2xx} non-2xx)`],
      [`Whole chart (all ${total} entries), 50 clients: p50`, `${all.latency.p50} ms`],
      ['Whole chart p99', `${all.latency.p99} ms`],
      ['Whole chart throughput', `${all.requests.average.toFixed(1)} req/s (${all.non2xx} non-2xx)`],
      ['Peak RSS of the server', `${rss.toFixed(0)} MB`],
    ];
    process.stdout.write('\nService\n');
    for (const [label, value] of lines) process.stdout.write(`  ${label!.padEnd(52)} ${value}\n`);
    process.stdout.write(
      `  (load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.availableParallelism()} cores)\n`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
