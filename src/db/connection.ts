import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from './schema';

/** A Kysely handle or an open transaction: every repository function takes one of these first. */
export type Executor = Kysely<Database> | Transaction<Database>;

// DATE columns stay 'YYYY-MM-DD' strings: a date of birth has no time zone and must not shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts (count(*)) fit comfortably in a JS number for our sizes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
  });
  // A dropped connection (database restarted or shut down) must not crash the process: the error
  // reaches whoever runs a query on it, and the pool opens a fresh connection next time. A client
  // that is checked out but between queries has no listener of its own, so give every client one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
