import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_FILE, generateApiTypes, OPENAPI_FILE } from '../../scripts/generate-api-types';

test('the web UI compiles against the current API (generated files are up to date)', async () => {
  const { openapiJson, typesTs } = await generateApiTypes();
  const stale = 'The API changed since the web types were generated: run npm run generate:api-types and commit the result.';
  // Compared as booleans: a diff of two thousand-line files would bury the instruction.
  assert.ok(fs.readFileSync(OPENAPI_FILE, 'utf8') === openapiJson, `${stale} (${OPENAPI_FILE})`);
  assert.ok(fs.readFileSync(API_TYPES_FILE, 'utf8') === typesTs, `${stale} (${API_TYPES_FILE})`);
});
