import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { errorsDocument, fillReadme } from '../../scripts/generate-docs';

const root = path.resolve(import.meta.dirname, '..', '..');

test('docs/errors.md lists exactly the error codes in the code', () => {
  const current = fs.readFileSync(path.join(root, 'docs', 'errors.md'), 'utf8');
  assert.equal(current, errorsDocument(), 'docs/errors.md is stale: run npm run generate:docs');
});

test('the README’s permission table and test-line numbers match the code', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.equal(readme, fillReadme(readme), 'README.md is stale: run npm run generate:docs');
});
