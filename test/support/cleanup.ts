import { after } from 'node:test';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** How long a finished test file may take to exit before its leftovers count as a leak. */
const EXIT_GRACE_MS = 5000;

// Registered once, at the top level of the test file (when this module is first imported), so it runs
// after every test of the file: hooks registered inside a before() hook would run when that hook ends.
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // The timer is unref'd: it only fires if something else (a pool, a worker, a server, a timer the
  // test forgot) still keeps the process alive — and then the file fails, naming what leaked.
  setTimeout(() => {
    const leaked = process.getActiveResourcesInfo().filter((r) => !['TTYWrap', 'PipeWrap', 'Timeout'].includes(r));
    process.stderr.write(`\nThis test file leaked resources that keep the process alive: ${leaked.join(', ') || 'timers'}\n`);
    process.exitCode = 1;
    process.exit(1);
  }, EXIT_GRACE_MS).unref();
});

/** Run `fn` when the test file finishes, last-registered first. */
export function onFileEnd(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}
