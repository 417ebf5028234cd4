/** `npm start`: the Chartfax web process (with in-process workers unless configured otherwise). */
import { ConfigError, loadConfig } from './config';
import { DEMO_PASSWORD, DEMO_SIGN_INS, startChartfax } from './composition';
import { DataDirectoryInUseError } from './db/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const chartfax = await startChartfax(config, { http: true, log: say });
  const shown = chartfax.url?.replace('127.0.0.1', 'localhost') ?? '';
  say('');
  say(`Chartfax is running at ${shown}`);
  if (config.seedDemo) {
    say(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const email of DEMO_SIGN_INS) say(`  ${email}`);
  }
  say('Press Ctrl+C to stop.');

  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    say(`\n${signal} received: finishing requests and stopping the database …`);
    chartfax.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Chartfax could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
