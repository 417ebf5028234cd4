/**
 * PostgreSQL stops while faxes are being sent, then comes back. Nothing may be lost or sent twice,
 * /readyz must say "not ready" while the database is away, and Chartfax must recover by itself.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { startChartfax } from '../../src/composition';
import { connectDatabase } from '../../src/db/connection';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres';
import { onFileEnd } from '../support/cleanup';
import { createClinicFixture } from '../support/fixtures';
import { signInAs } from '../support/http';

const FAXES = 30;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a database outage under load loses nothing, sends nothing twice, and heals by itself', { timeout: 300_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-outage-'));
  fs.chmodSync(dir, 0o755);
  onFileEnd(() => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  let cluster: EmbeddedDatabase = await startEmbeddedPostgres(path.join(dir, 'pg'), { port });
  onFileEnd(() => cluster.stop());
  const chartfax = await startChartfax(
    loadConfig({
      DATABASE_URL: cluster.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      CHARTFAX_DEMO: 'false',
      CHARTFAX_DATA_DIR: path.join(dir, 'app'),
      CHARTFAX_RENDER_THREADS: '1',
      CHARTFAX_QUEUE_POLL_SECONDS: '1',
      CHARTFAX_QUEUE_MAINTENANCE_SECONDS: '1',
      CHARTFAX_JOB_EXPIRE_SECONDS: '5',
      CHARTFAX_ATTEMPT_LEASE_SECONDS: '10',
    }),
    { http: true, workers: true },
  );
  onFileEnd(() => chartfax.stop());
  const app = chartfax.app!;
  const clinic = await createClinicFixture(chartfax.database.db, 'outage');
  const desk = await signInAs(app, clinic.staff['front-desk'].email);
  const ids: string[] = [];
  for (let i = 0; i < FAXES; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/faxes',
      headers: desk.headers,
      payload: {
        source: { type: 'chart-entry', chartEntryId: clinic.entries[i % 5]!.id },
        recipient: { name: 'Dr. Lee', faxNumber: `604555${String(100 + i).padStart(4, '0')}` },
        coverPage: { enabled: false },
      },
    });
    assert.equal(res.statusCode, 202, res.body);
    ids.push(res.json().id);
  }

  // Pull the database out from under the running workers, then check readiness says so.
  await cluster.stop();
  const notReady = await app.inject({ url: '/readyz' });
  assert.equal(notReady.statusCode, 503);
  assert.match(notReady.body, /cannot be reached/);
  const refused = await app.inject({ url: `/api/faxes/${ids[0]}`, headers: desk.headers });
  assert.ok(
    refused.statusCode === 503 || refused.statusCode === 401,
    `requests fail cleanly while the database is away (got ${refused.statusCode})`,
  );
  await sleep(3000);

  cluster = await startEmbeddedPostgres(path.join(dir, 'pg'), { port });
  let ready = 0;
  for (let i = 0; i < 60 && ready !== 200; i++) {
    ready = (await app.inject({ url: '/readyz' })).statusCode;
    if (ready !== 200) await sleep(500);
  }
  assert.equal(ready, 200, 'ready again once the database is back');

  const check = connectDatabase(cluster.url, { max: 2 });
  onFileEnd(() => check.close());
  const deadline = Date.now() + 180_000;
  let open = FAXES;
  while (open > 0 && Date.now() < deadline) {
    await sleep(1000);
    open = Number(
      (
        await check.db
          .selectFrom('faxes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'not in', ['delivered', 'failed', 'partially-delivered', 'cancelled', 'expired'])
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  const statuses = await check.db
    .selectFrom('faxes')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  assert.deepEqual(
    statuses.map((s) => [s.status, Number(s.n)]),
    [['delivered', FAXES]],
    'every fax was delivered after the outage',
  );
  const twice = await sql<{ reference: string; n: number }>`
    SELECT reference, count(*)::int AS n FROM test_line_calls WHERE status = 'delivered' GROUP BY reference HAVING count(*) <> 1`.execute(
    check.db,
  );
  assert.deepEqual(twice.rows, [], 'no fax was received twice');
  const received = await check.db
    .selectFrom('test_line_calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'delivered')
    .executeTakeFirstOrThrow();
  assert.equal(Number(received.n), FAXES);
});
