import type { Clock } from '../core/clock';
import type { Executor } from '../db/connection';

export type { Executor };

/** What every service function needs: a database handle (or open transaction) and the clock. */
export interface ServiceDeps {
  db: Executor;
  clock: Clock;
}

/** Services that write rows and enqueue jobs about them in one transaction. */
export interface QueueingServiceDeps extends ServiceDeps {
  queue: Pick<import('../jobs/queue').JobQueue, 'enqueue'>;
  secrets: import('../db/secret-box').SecretBox;
}
