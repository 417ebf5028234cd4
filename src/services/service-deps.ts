import type { Clock } from '../core/clock';
import type { Executor } from '../db/connection';

export type { Executor };

/** What every service function needs: a database handle (or open transaction) and the clock. */
export interface ServiceDeps {
  db: Executor;
  clock: Clock;
}
