import type { Clock } from '../core/clock';
import type { Executor } from '../db/connection';
import type { SecretBox } from '../db/secret-box';
import type { JobQueue } from './queue';

/** Sends one e-mail; null in JobDeps when SMTP is not configured. */
export interface Mailer {
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

/** What job handlers receive from the composition root. */
export interface JobDeps {
  db: Executor;
  clock: Clock;
  queue: Pick<JobQueue, 'enqueue'>;
  secrets: SecretBox;
  mailer: Mailer | null;
  /** Outgoing HTTP (webhooks to host systems); injectable for tests. */
  fetch: typeof fetch;
}
