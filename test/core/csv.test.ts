import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvSyntaxError, parseCsv, unguardCell, writeCsv } from '../../src/core/csv';

test('quoted fields keep commas, quotes and line breaks', () => {
  const records = parseCsv('a,b,c\r\n"Smith, Jo","He said ""hi""","line one\nline two"\n\nlast,,\n');
  assert.deepEqual(records, [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['Smith, Jo', 'He said "hi"', 'line one\nline two'] },
    { line: 5, cells: ['last', '', ''] },
  ]);
});

test('what Chartfax writes reads back the same, and formulas are neutralised', () => {
  const rows = [['=HYPERLINK("x")', '+16045550142', '-5', '@SUM(A1)', 'plain, with comma', 'multi\r\nline']];
  const text = writeCsv(rows);
  assert.match(text, /^"'=HYPERLINK\(""x""\)",'\+16045550142,'-5,'@SUM\(A1\)/);
  const back = parseCsv(text)[0]!.cells.map(unguardCell);
  assert.deepEqual(back, rows[0]);
});

test('broken quoting names the line', () => {
  assert.throws(
    () => parseCsv('a\n"open'),
    (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
  );
  assert.throws(() => parseCsv('a\nb"c'), /Line 2/);
});
