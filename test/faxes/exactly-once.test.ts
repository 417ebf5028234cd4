/**
 * Three worker processes share one database and send 300 faxes through the test line while workers
 * are killed with SIGKILL at random moments. Every fax must end in a final state, and the receiving
 * side must have printed each fax exactly once (counted by the station id we send: the reference).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { newFaxReference } from '../../src/services/fax-service';
import { startTestChartfax, type TestChartfax } from '../support/chartfax';
import { onFileEnd } from '../support/cleanup';
import { createClinicFixture } from '../support/fixtures';
import { signInAs } from '../support/http';

const FAXES = 300;
const WORKERS = 3;
const root = path.resolve(import.meta.dirname, '..', '..');
let t: TestChartfax;

before(async () => {
  // The web process here runs no workers: only the three separate processes send.
  t = await startTestChartfax({ workers: false });
});

/** A deterministic sequence, so a failing run can be repeated. */
function seededRandom(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

test(`${FAXES} faxes, ${WORKERS} workers, random SIGKILLs: every fax final, each received exactly once`, { timeout: 600_000 }, async () => {
  const app = t.chartfax.app!;
  const clinic = await createClinicFixture(t.db.db, 'stress');
  const desk = await signInAs(app, clinic.staff['front-desk'].email);
  const first = await app.inject({
    method: 'POST',
    url: '/api/faxes',
    headers: desk.headers,
    payload: {
      source: { type: 'chart-entry', chartEntryId: clinic.entries[0]!.id },
      recipient: { name: 'Dr. Lee', faxNumber: '6045550142' },
      coverPage: { enabled: false },
    },
  });
  assert.equal(first.statusCode, 202, first.body);
  const template = await t.db.db.selectFrom('faxes').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
  const doc = await t.db.db.selectFrom('fax_documents').selectAll().where('fax_id', '=', template.id).executeTakeFirstOrThrow();

  // 299 more faxes like the first, each with its own reference and its own job, written together.
  await t.db.db.transaction().execute(async (trx) => {
    for (let i = 1; i < FAXES; i++) {
      const { id: _id, reference: _ref, created_at: _c, updated_at: _u, ...rest } = template;
      const fax = await trx
        .insertInto('faxes')
        .values({
          ...rest,
          reference: newFaxReference(),
          recipient_fax_number: `+1604555${String(100 + (i % 50)).padStart(4, '0')}`,
          source: JSON.stringify(rest.source),
          cover: JSON.stringify(rest.cover),
          progress: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('fax_documents')
        .values({ ...doc, fax_id: fax.id, spec: JSON.stringify(doc.spec) })
        .execute();
      await t.chartfax.queue.enqueue(trx, 'send-fax', { faxId: fax.id });
    }
  });

  const env = {
    ...process.env,
    DATABASE_URL: t.db.url,
    LOG_LEVEL: 'silent',
    CHARTFAX_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'chartfax-workers-')),
    CHARTFAX_RENDER_THREADS: '1',
    CHARTFAX_SEND_CONCURRENCY: '2',
    CHARTFAX_QUEUE_POLL_SECONDS: '1',
    CHARTFAX_QUEUE_MAINTENANCE_SECONDS: '1',
    CHARTFAX_JOB_EXPIRE_SECONDS: '5',
    CHARTFAX_ATTEMPT_LEASE_SECONDS: '15',
  };
  onFileEnd(() => fs.rmSync(env.CHARTFAX_DATA_DIR, { recursive: true, force: true }));
  const workers: (ChildProcess | null)[] = [];
  const startWorker = (slot: number) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', () => undefined);
    workers[slot] = child;
  };
  const stopAll = () => {
    for (const w of workers) w?.kill('SIGKILL');
  };
  onFileEnd(stopAll);
  for (let i = 0; i < WORKERS; i++) startWorker(i);

  const random = seededRandom(20261124);
  const final = ['delivered', 'partially-delivered', 'failed', 'cancelled', 'expired'];
  const countFinal = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('faxes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('clinic_id', '=', clinic.clinicId)
          .where('status', 'in', final as never)
          .executeTakeFirstOrThrow()
      ).n,
    );
  let kills = 0;
  const deadline = Date.now() + 480_000;
  while ((await countFinal()) < FAXES && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500 + random() * 1500));
    if (kills < 12) {
      const slot = Math.floor(random() * WORKERS);
      workers[slot]?.kill('SIGKILL');
      kills += 1;
      startWorker(slot);
    }
  }
  stopAll();

  const statuses = await t.db.db
    .selectFrom('faxes')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('clinic_id', '=', clinic.clinicId)
    .groupBy('status')
    .execute();
  assert.deepEqual(
    statuses.map((s) => [s.status, Number(s.n)]),
    [['delivered', FAXES]],
    'every fax was delivered',
  );
  const received = await sql<{ reference: string; n: number }>`
    SELECT f.reference, count(c.call_id)::int AS n
    FROM faxes f LEFT JOIN test_line_calls c ON c.reference = f.reference AND c.status = 'delivered'
    WHERE f.clinic_id = ${clinic.clinicId}
    GROUP BY f.reference`.execute(t.db.db);
  const notOnce = received.rows.filter((r) => r.n !== 1);
  assert.equal(received.rows.length, FAXES);
  assert.deepEqual(notOnce, [], 'each fax was printed by the receiving machine exactly once');
  assert.ok(kills > 0, 'workers were killed during the run');
  process.stdout.write(`# ${FAXES} faxes delivered exactly once across ${WORKERS} workers with ${kills} SIGKILLs\n`);
});
