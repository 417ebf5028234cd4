/**
 * Rewrites the render goldens in test/render/goldens from the fixtures. Review the image diff before
 * committing: every changed pixel is a change to what recipients receive.
 *
 *   npx tsx scripts/regenerate-goldens.ts
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { createRenderer } from '../src/render/index';
import { GOLDEN_CASES, GOLDEN_DIR } from '../test/render/fixtures/goldens';

const renderer = createRenderer();
try {
  await mkdir(GOLDEN_DIR, { recursive: true });
  for (const golden of GOLDEN_CASES) {
    const fax = await renderer.render(golden.spec());
    const preview = fax.previews[golden.page];
    if (!preview) throw new Error(`${golden.file}: the fixture has no page ${golden.page + 1}`);
    await writeFile(new URL(golden.file, GOLDEN_DIR), preview);
    console.log(`wrote test/render/goldens/${golden.file} (${preview.length} bytes)`);
  }
} finally {
  await renderer.close();
}
