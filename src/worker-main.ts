/** `npm run worker`: a fax worker process without HTTP. Run as many as you like against one database. */
import { ConfigError, loadConfig } from './config';
import { startChartfax } from './composition';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError(['DATABASE_URL is required for a separate worker: it must share the database of the web process.']);
  }
  const chartfax = await startChartfax(config, { http: false, workers: true });
  process.stdout.write(`Chartfax worker ${process.pid} is running.\n`);
  const shutdown = () => {
    chartfax.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
