import { after } from 'node:test';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

// Registered once, at the top level of the test file (when this module is first imported), so it runs
// after every test of the file: hooks registered inside a before() hook would run when that hook ends.
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Run `fn` when the test file finishes, last-registered first. */
export function onFileEnd(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}
