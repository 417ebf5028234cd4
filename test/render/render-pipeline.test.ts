import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRenderer, validateCoverTemplate, type RenderedFax } from '../../src/render/index';
import { FaxError } from '../../src/core/errors';
import { DEFAULT_COVER_TEMPLATE } from '../../src/core/cover-template';
import { MAX_CHART_ENTRIES_PER_FAX } from '../../src/core/render-limits';
import type { FaxDocumentSpec } from '../../src/core/fax-document';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/goldens';
import { baseSpec, chartEntry, chartNoteWithCover, coverVariables, dateRange, treatmentPlan } from './fixtures/specs';
import { countDifferences, decodeBitmap, requireTool, run, withTempDir } from './helpers';

const renderer = createRenderer({ threads: 2 });
after(() => renderer.close());

function isFaxError(code: string, pattern?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof FaxError, `expected a FaxError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

test('golden pages are reproduced pixel for pixel (regenerate with: npx tsx scripts/regenerate-goldens.ts)', async () => {
  const cache = new Map<() => FaxDocumentSpec, RenderedFax>();
  for (const golden of GOLDEN_CASES) {
    let fax = cache.get(golden.spec);
    if (!fax) {
      fax = await renderer.render(golden.spec());
      cache.set(golden.spec, fax);
    }
    const actual = await decodeBitmap(fax.previews[golden.page]!);
    const expected = await decodeBitmap(new Uint8Array(await readFile(new URL(golden.file, GOLDEN_DIR))));
    assert.equal(actual.width, 1728, golden.file);
    assert.equal(countDifferences(actual, expected), 0, `${golden.file} differs from the golden`);
  }
});

test('rendering is deterministic', async () => {
  const a = await renderer.render(treatmentPlan());
  const b = await renderer.render(treatmentPlan());
  assert.deepEqual(a.tiff, b.tiff);
  assert.deepEqual(a.pdf, b.pdf);
});

const FORMATS = [
  { paper: 'letter', resolution: 'fine', height: 2156, dpiY: 196 },
  { paper: 'letter', resolution: 'standard', height: 1078, dpiY: 98 },
  { paper: 'a4', resolution: 'fine', height: 2287, dpiY: 196 },
  { paper: 'a4', resolution: 'standard', height: 1143, dpiY: 98 },
] as const;

for (const format of FORMATS) {
  test(`TIFF read by libtiff: ${format.paper} ${format.resolution} is 1728 wide, 1-bit G4, 204×${format.dpiY} dpi, right page count`, async () => {
    await requireTool('tiffinfo');
    await requireTool('tiffdump');
    const spec = { ...chartNoteWithCover(), paper: format.paper, resolution: format.resolution };
    const fax = await renderer.render(spec);
    assert.equal(fax.pageCount, 2);
    await withTempDir(async (dir) => {
      const file = join(dir, 'fax.tif');
      await writeFile(file, fax.tiff);
      const info = await run('tiffinfo', [file]);
      const directories = info.split('=== TIFF directory').length - 1;
      assert.equal(directories, 2, info);
      assert.equal((info.match(/Image Width: 1728 Image Length: (\d+)/g) ?? []).length, 2, info);
      assert.match(info, new RegExp(`Image Length: ${format.height}\\b`));
      assert.equal((info.match(/Bits\/Sample: 1\n/g) ?? []).length, 2);
      assert.equal((info.match(/Compression Scheme: CCITT Group 4/g) ?? []).length, 2);
      assert.equal((info.match(new RegExp(`Resolution: 204, ${format.dpiY} pixels/inch`, 'g')) ?? []).length, 2);
      assert.equal((info.match(/Photometric Interpretation: min-is-white/g) ?? []).length, 2);
      assert.equal((info.match(/FillOrder: msb-to-lsb/g) ?? []).length, 2);
      assert.match(info, /Page Number: 0-2/);
      assert.match(info, /Page Number: 1-2/);
      assert.equal((info.match(/Subfile Type: multi-page document \(2 = 0x2\)/g) ?? []).length, 2);
      const dump = await run('tiffdump', [file]);
      assert.match(dump, /Compression \(259\) SHORT \(3\) 1<4>/);
    });
    // The TIFF decodes (through libvips/libtiff) to exactly the preview pixels.
    for (let page = 0; page < 2; page++) {
      const fromTiff = await decodeBitmap(fax.tiff, page);
      const preview = await decodeBitmap(fax.previews[page]!);
      assert.equal(fromTiff.height, format.height);
      assert.equal(countDifferences(fromTiff, preview), 0, `page ${page + 1}: TIFF and preview differ`);
    }
    if (format.paper === 'a4') {
      // 1680 px of A4 centred in 1728: 24 white columns on each side.
      const preview = await decodeBitmap(fax.previews[1]!);
      let edgeInk = 0;
      for (let y = 0; y < preview.height; y++) {
        for (let x = 0; x < 24; x++) edgeInk += preview.black[y * 1728 + x]! + preview.black[y * 1728 + 1727 - x]!;
      }
      assert.equal(edgeInk, 0);
    }
  });
}

for (const resolution of ['fine', 'standard'] as const) {
  test(`the fax PDF rasterized by Ghostscript at 204×${resolution === 'fine' ? 196 : 98} gives back our pixels exactly (${resolution})`, async () => {
    await requireTool('gs');
    const fax = await renderer.render({ ...treatmentPlan(), resolution });
    await withTempDir(async (dir) => {
      const pdfFile = join(dir, 'fax.pdf');
      await writeFile(pdfFile, fax.pdf);
      const dpi = resolution === 'fine' ? '204x196' : '204x98';
      const tiffFile = join(dir, 'gs.tif');
      await run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffg4', `-r${dpi}`, `-sOutputFile=${tiffFile}`, pdfFile]);
      const gsTiff = new Uint8Array(await readFile(tiffFile));
      for (let page = 0; page < fax.pageCount; page++) {
        const fromGs = await decodeBitmap(gsTiff, page);
        const ours = await decodeBitmap(fax.previews[page]!);
        assert.equal(fromGs.width, 1728);
        assert.equal(countDifferences(fromGs, ours), 0, `page ${page + 1} differs after Ghostscript`);
      }
    });
  });
}

test('a chart entry page is legible: OCR recovers at least 98% of its text at fine resolution', async () => {
  await requireTool('tesseract');
  const { characterAccuracy } = await import('./helpers');
  const entry = chartEntry();
  const expected = [
    entry.templateName,
    `Mar 4, 2025, 2:30 PM PST · ${entry.authorName}, ${entry.authorCredentials}`,
    ...entry.sections.flatMap((s) => [s.title, s.text]),
  ].join('\n');
  const results: Record<string, number> = {};
  for (const resolution of ['fine', 'standard'] as const) {
    const fax = await renderer.render(baseSpec({ resolution }));
    const dpiY = resolution === 'fine' ? 196 : 98;
    // Below the page header; at standard resolution rows are doubled so the OCR sees square pixels.
    const headerRows = Math.round((80 / 72) * dpiY) - 8;
    const body = sharp(fax.previews[0]!).extract({ left: 0, top: headerRows, width: 1728, height: 11 * dpiY - headerRows });
    const png = await (
      resolution === 'fine' ? body : body.resize({ width: 1728, height: (11 * dpiY - headerRows) * 2, fit: 'fill', kernel: 'nearest' })
    )
      .withMetadata({ density: 204 })
      .png()
      .toBuffer();
    const text = await withTempDir(async (dir) => {
      const file = join(dir, 'page.png');
      await writeFile(file, png);
      return run('tesseract', [file, 'stdout', '-l', 'eng', '--dpi', '204', '--psm', '4'], 120_000);
    });
    results[resolution] = characterAccuracy(expected, text);
  }
  console.log(`OCR character accuracy: fine ${(results.fine! * 100).toFixed(2)}%, standard ${(results.standard! * 100).toFixed(2)}%`);
  assert.ok(results.fine! >= 0.98, `fine OCR accuracy ${(results.fine! * 100).toFixed(2)}% is below 98%`);
});

test('cover page: markup and right-to-left text in names are printed as literal text', async () => {
  const { composeDocument } = await import('../../src/render/compose');
  const { PDFiumLibrary } = await import('@hyzyla/pdfium');
  const name = '<script>alert("x")</script> **O\'Brien** # \u05e9\u05dc\u05d5\u05dd';
  const spec = baseSpec({
    cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables({ recipientName: name, subject: '<b>{{notes}}</b>' }) },
  });
  const composed = await composeDocument(spec);
  const library = await PDFiumLibrary.init();
  try {
    const document = await library.loadDocument(composed.pdf);
    const coverText = document.getPage(0).getText();
    document.destroy();
    assert.ok(coverText.includes('<script>alert("x")</script> **O\'Brien** #'), coverText);
    assert.ok(coverText.includes('<b>{{notes}}</b>'), 'a tag inside a value is not expanded');
    assert.ok(coverText.includes('\u05e9') && coverText.includes('\u05dd'), 'Hebrew letters are kept');
    assert.ok(!coverText.includes('Alex Testpatient'), 'no patient name on the cover unless the clinic allows it');
  } finally {
    library.destroy();
  }
  const fax = await renderer.render(spec);
  assert.equal(fax.pageCount, 2);
});

test('cover page: notes that do not fit are refused, saying how much to cut', async () => {
  const notes = Array.from({ length: 70 }, (_, i) => `Line ${i + 1} of the notes.`).join('\n');
  const spec = baseSpec({ cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables({ notes }) } });
  await assert.rejects(renderer.render(spec), (error: unknown) => {
    isFaxError(
      'cover-overflow',
      /The cover page notes are about (\d+) lines too long to fit on one page\. Shorten the notes by about \1 lines \(\d+ characters\) or turn the cover page off\./,
    )(error);
    const lines = Number(/about (\d+) lines/.exec((error as FaxError).message)![1]);
    assert.ok(lines >= 30 && lines <= 60, `about ${lines} lines over is plausible for 70 lines of notes`);
    assert.ok((error as FaxError).fields?.['coverPage.notes']);
    return true;
  });
  // Cutting by the amount the message gives makes it fit.
  const lines = await renderer.render(spec).catch((e: FaxError) => Number(/about (\d+) lines/.exec(e.message)![1]));
  const shorter = notes
    .split('\n')
    .slice(0, 70 - Number(lines))
    .join('\n');
  const fax = await renderer.render(
    baseSpec({ cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables({ notes: shorter }) } }),
  );
  assert.equal(fax.pageCount, 2);
});

test('validateCoverTemplate: accepts the default, refuses unknown variables, patient fields without opt-in and overflow', async () => {
  await validateCoverTemplate(DEFAULT_COVER_TEMPLATE, { allowPatientFields: false });
  await validateCoverTemplate(DEFAULT_COVER_TEMPLATE, { allowPatientFields: false, paper: 'a4' });
  await validateCoverTemplate('# Fax\n**Patient:** {{patientName}}', { allowPatientFields: true });
  await assert.rejects(
    validateCoverTemplate('# Fax\n{{faxNumber}}', { allowPatientFields: false }),
    isFaxError('validation-failed', /line 2: unknown variable "faxNumber"/),
  );
  await assert.rejects(
    validateCoverTemplate('{{patientName}}', { allowPatientFields: false }),
    isFaxError('validation-failed', /patientName/),
  );
  await assert.rejects(
    validateCoverTemplate('# Fax\n' + 'A line of text\n'.repeat(80), { allowPatientFields: false }),
    isFaxError('cover-overflow'),
  );
});

test('bad input: control characters and emoji are replaced or removed, never a crash', async () => {
  const notes = 'Call back \u0007today\u0000 👍🏽 please\u202e reversed\u200b. 中文 text';
  const spec = baseSpec({
    cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables({ notes, recipientName: 'R'.repeat(200) }) },
    entries: [chartEntry({ sections: [{ title: 'Note 📋', text: `Ünïcödé façade — ${'x'.repeat(400)} end\u0001` }] })],
  });
  const fax = await renderer.render(spec);
  assert.equal(fax.pageCount, 2);
  const warning = fax.warnings.find((w) => w.code === 'replaced-characters');
  assert.ok(warning, 'a warning says characters were replaced');
  assert.match(warning.message, /^5 characters/, warning.message);

  const { composeDocument } = await import('../../src/render/compose');
  const { PDFiumLibrary } = await import('@hyzyla/pdfium');
  const composed = await composeDocument(spec);
  const library = await PDFiumLibrary.init();
  try {
    const document = await library.loadDocument(composed.pdf);
    const cover = document.getPage(0).getText();
    const entry = document.getPage(1).getText();
    document.destroy();
    assert.ok(cover.includes('Call back today ?? please reversed. ?? text'), cover);
    // The control characters are the point of this check.
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u202e\u200b]/.test(cover + entry));
    assert.ok(entry.includes('Note ?'));
    assert.ok(entry.includes('Ünïcödé façade'), 'accented Latin is kept');
  } finally {
    library.destroy();
  }
});

test('long words are hard-broken to the line width', async () => {
  const spec = baseSpec({ entries: [chartEntry({ sections: [{ title: 'Long', text: 'W'.repeat(1000) }] })] });
  const fax = await renderer.render(spec);
  const page = await decodeBitmap(fax.previews[0]!);
  // Nothing is drawn in the right margin (0.6 in = 122 px), so the word did not run off the page.
  let marginInk = 0;
  for (let y = 300; y < page.height; y++) for (let x = 1728 - 110; x < 1728; x++) marginInk += page.black[y * 1728 + x]!;
  assert.equal(marginInk, 0);
});

test('limits: more than 200 pages, too many entries, and an empty document are refused', async () => {
  const huge = baseSpec({ entries: [chartEntry({ sections: [{ title: 'Huge', text: 'word\n\n'.repeat(16_000) }] })] });
  await assert.rejects(renderer.render(huge), isFaxError('limit-exceeded', /at most 200 pages/));
  const many = baseSpec({ entries: Array.from({ length: MAX_CHART_ENTRIES_PER_FAX + 1 }, () => chartEntry()) });
  await assert.rejects(renderer.render(many), isFaxError('limit-exceeded', /at most 500/));
  await assert.rejects(renderer.render(baseSpec({ entries: [] })), isFaxError('empty-document'));
  const longNotes = baseSpec({ cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables({ notes: 'x'.repeat(2001) }) } });
  await assert.rejects(renderer.render(longNotes), isFaxError('limit-exceeded', /notes/));
});

test('a plan without entries renders its summary page with a warning', async () => {
  const fax = await renderer.render({ ...treatmentPlan(), entries: [] });
  assert.equal(fax.pageCount, 1);
  assert.deepEqual(
    fax.warnings.map((w) => w.code),
    ['plan-without-entries'],
  );
});

test('warnings: unsigned entries are counted; long documents are flagged', async () => {
  const plan = await renderer.render(treatmentPlan());
  assert.deepEqual(
    plan.warnings.map((w) => w.code),
    ['unsigned-entries'],
  );
  assert.match(plan.warnings[0]!.message, /^1 of the 2 chart entries is unsigned/);
  const progress: [number, number][] = [];
  const long = await renderer.render(dateRange(140), { onProgress: (done, total) => progress.push([done, total]) });
  assert.ok(long.pageCount > 50);
  assert.ok(long.warnings.some((w) => w.code === 'long-document' && w.message.includes(`${long.pageCount} pages`)));
  assert.deepEqual(progress[progress.length - 1], [long.pageCount, long.pageCount]);
});

test('every page carries "Page X of Y" counting the cover; a continuation resends pages identically', async () => {
  const spec = { ...dateRange(5), cover: { template: DEFAULT_COVER_TEMPLATE, variables: coverVariables() } };
  const full = await renderer.render(spec);
  const total = full.pageCount;
  assert.ok(total >= 4, `fixture has ${total} pages`);
  const { composeDocument } = await import('../../src/render/compose');
  const { PDFiumLibrary } = await import('@hyzyla/pdfium');
  const library = await PDFiumLibrary.init();
  try {
    const document = await library.loadDocument((await composeDocument(spec)).pdf);
    for (let i = 0; i < total; i++)
      assert.ok(
        document
          .getPage(i)
          .getText()
          .includes(`Page ${i + 1} of ${total}`),
      );
    document.destroy();
  } finally {
    library.destroy();
  }

  const continuation = { firstPage: 3, lastPage: total, totalPages: total };
  const resent = await renderer.render(spec, { continuation });
  assert.equal(resent.pageCount, 1 + total - 2);
  for (let p = 3; p <= total; p++) {
    const original = await decodeBitmap(full.previews[p - 1]!);
    const again = await decodeBitmap(resent.previews[p - 3 + 1]!);
    assert.equal(countDifferences(original, again), 0, `page ${p} is reproduced identically`);
  }
  const cover = await decodeBitmap(resent.previews[0]!);
  assert.notEqual(countDifferences(cover, await decodeBitmap(full.previews[0]!)), 0, 'the continuation cover is its own page');

  await assert.rejects(
    renderer.render(spec, { continuation: { firstPage: 2, lastPage: 3, totalPages: total + 1 } }),
    isFaxError('conflict'),
  );
  await assert.rejects(
    renderer.render(spec, { continuation: { firstPage: 0, lastPage: 3, totalPages: total } }),
    isFaxError('validation-failed'),
  );
});

test('close() stops the workers; a closed renderer refuses work', async () => {
  const own = createRenderer({ threads: 1 });
  await own.render(baseSpec());
  await own.close();
  await assert.rejects(own.render(baseSpec()), /closed/);
});
