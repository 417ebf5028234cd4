import crypto from 'node:crypto';
import { onFileEnd } from './cleanup';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connection';

/** Name of the migrated template database that scripts/test.ts prepares once per run. */
export const TEMPLATE_DATABASE = 'chartfax_template';

export function testClusterAdminUrl(): string {
  const url = process.env.CHARTFAX_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('CHARTFAX_TEST_PG_ADMIN_URL is not set: run the tests with `npm test` (scripts/test.ts starts PostgreSQL).');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(testClusterAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testClusterAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends DatabaseHandle {
  name: string;
  url: string;
}

/**
 * A fresh, migrated database for one test file, copied from the template; dropped when the file ends.
 * Each file gets its own, so files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = databaseUrl(name);
  const handle = connectDatabase(url, { max: options.poolSize ?? 5 });
  const close = async () => {
    await handle.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  onFileEnd(close);
  return { ...handle, name, url, close };
}
