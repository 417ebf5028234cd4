import type PgBoss from 'pg-boss';
import { advanceFax, reconcileFax, runWatchdog, type EngineDeps } from './fax-engine';
import { handleDeliverWebhook } from './deliver-webhook';
import { handleEmailNotification } from './email-notification';
import { handleProviderEvent } from './provider-events';
import type { JobName, JobPayloads, JobQueue } from './queue';

export interface WorkerOptions {
  /** Parallel send-fax loops in this process (each handles one fax at a time). */
  sendConcurrency: number;
  pollingIntervalSeconds: number;
}

/**
 * Start this process's workers. Any number of processes may do this against one database: pg-boss
 * hands each job to one worker, and every handler is idempotent.
 */
export async function startWorkers(queue: JobQueue, deps: EngineDeps, options: WorkerOptions): Promise<void> {
  const boss = queue.boss;
  const work = async <N extends JobName>(name: N, loops: number, handler: (payload: JobPayloads[N]) => Promise<void>) => {
    for (let i = 0; i < loops; i++) {
      let workerId: string | null = null;
      workerId = await boss.work<JobPayloads[N]>(
        name,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds },
        async (jobs: PgBoss.Job<JobPayloads[N]>[]) => {
          for (const job of jobs) await handler(job.data);
          // pg-boss waits out the polling interval after every fetch; after a job, look again at once
          // so a busy queue drains at the speed of the work, not one job per interval.
          if (workerId) boss.notifyWorker(workerId);
        },
      );
    }
  };
  await work('send-fax', options.sendConcurrency, (p) => advanceFax(deps, p.faxId));
  await work('reconcile-fax', 1, (p) => reconcileFax(deps, p.faxId));
  await work('deliver-webhook', 1, (p) => handleDeliverWebhook(deps, p));
  await work('email-notification', 1, (p) => handleEmailNotification(deps, p));
  await work('watchdog', 1, async () => {
    await runWatchdog(deps);
  });
  await work('process-provider-event', 1, (p) => handleProviderEvent(deps, p));
  // Every minute, whichever worker gets the job looks for stalled faxes.
  await boss.schedule('watchdog', '* * * * *', {}, { singletonKey: 'watchdog' });
}
