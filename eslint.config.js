// Lint rules, including the layer boundaries of CONVENTIONS.md and "no import cycles".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const layers = ['core', 'render', 'db', 'transports', 'jobs', 'services', 'http', 'web'];
/** Which layers each layer may import (besides itself). */
const allowed = {
  core: [],
  render: ['core'],
  db: ['core'],
  transports: ['core'],
  jobs: ['core', 'db', 'render', 'transports'],
  services: ['core', 'db', 'render', 'transports', 'jobs'],
  http: ['core', 'services'],
  web: [],
};
const zones = layers.flatMap((layer) =>
  layers
    .filter((other) => other !== layer && !allowed[layer].includes(other))
    .map((other) => ({
      target: `./src/${layer}`,
      from: `./src/${other}`,
      message: `The ${layer} layer may not import from ${other} (see CONVENTIONS.md).`,
    })),
);
const entryPoints = ['./src/config.ts', './src/composition.ts', './src/main.ts', './src/worker-main.ts'];
for (const layer of layers) {
  for (const file of entryPoints) {
    zones.push({ target: `./src/${layer}`, from: file, message: 'Only the composition root reads configuration.' });
  }
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tmp/', 'native/', 'src/web/api/*.gen.*', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'src/web/tsconfig.json'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration in src/config.ts only.' },
      ],
    },
  },
  {
    // Core holds no I/O: no Node built-ins that touch the outside world, no database, HTTP or file access.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'http', 'https', 'net', 'os', 'worker_threads'],
              message: 'core has no I/O.',
            },
            {
              group: ['pg', 'kysely', 'fastify', '@fastify/*', 'pg-boss', 'sharp', 'pdfkit', 'nodemailer', 'undici'],
              message: 'core has no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'emulators/**/*.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
