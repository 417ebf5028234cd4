/**
 * Builds the web UI into dist/web, which the HTTP server serves (and falls back to index.html for
 * client-side routes). Run through scripts/build.ts; paths are relative to this file so the build
 * does not depend on the working directory.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${here}../../dist/web`,
    emptyOutDir: true,
    sourcemap: false,
  },
});
