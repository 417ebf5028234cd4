/**
 * The start command as an operator meets it: a fresh data folder, a second instance on the same
 * folder, SIGTERM, and a restart that finds yesterday's data.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { onFileEnd } from '../support/cleanup';

const root = path.resolve(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function start(dataDir: string, port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const env: NodeJS.ProcessEnv = { ...process.env, CHARTFAX_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onFileEnd(() => child.kill('SIGKILL'));
  return { child, output: () => output, exited };
}

async function waitUntilReady(port: number, process_: { output: () => string; child: ChildProcess }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (process_.child.exitCode !== null) throw new Error(`Chartfax exited: ${process_.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Chartfax did not become ready: ${process_.output()}`);
}

test('start, refuse a second instance, stop on SIGTERM, restart with the same data', { timeout: 300_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-lifecycle-'));
  fs.chmodSync(dataDir, 0o755);
  onFileEnd(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();

  const first = start(dataDir, port);
  await waitUntilReady(port, first);
  assert.match(first.output(), /Chartfax is running at http:\/\/localhost:\d+/);
  assert.match(first.output(), /frontdesk@demo\.chartfax\.test/, 'the demo sign-ins are printed');
  assert.match(first.output(), /demo-password/);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.equal(health.status, 200);
  const openapi = (await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, unknown>;
  };
  assert.equal(openapi.openapi, '3.1.0');
  assert.ok(openapi.paths['/api/faxes']);

  const second = start(dataDir, await freePort());
  assert.equal(await second.exited, 1, 'a second instance on the same data folder refuses to start');
  assert.match(second.output(), /already in use/);

  const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'frontdesk@demo.chartfax.test', password: 'demo-password' }),
  });
  assert.equal(signIn.status, 200);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, 'SIGTERM stops Chartfax and its database cleanly');
  assert.ok(!fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'PostgreSQL was shut down');

  const again = start(dataDir, port);
  await waitUntilReady(port, again);
  assert.doesNotMatch(again.output(), /Creating the demo clinic/, 'the existing data is reused, not re-created');
  const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@demo.chartfax.test', password: 'demo-password' }),
  });
  assert.equal(login.status, 200);
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
});
