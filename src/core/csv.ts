/**
 * CSV as RFC 4180 writes it: comma-separated fields, fields with commas, quotes or line breaks in
 * double quotes, quotes doubled inside them, CRLF between records. Pure.
 *
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage return) is
 * run as a formula by spreadsheet programs. On export such cells get a leading apostrophe, which
 * spreadsheets show as text; `unguardCell` removes exactly that apostrophe again on import, so a file
 * Chartfax wrote reads back unchanged.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** A parsed record with the line of the file it starts on (1-based). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Parse CSV text into records. Accepts CRLF or LF, a UTF-8 byte-order mark, and a missing final newline. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    afterQuote = false;
    cellStarted = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cellStarted || afterQuote)
        throw new CsvSyntaxError(
          `Line ${line}: a quote appears inside a field that does not start with a quote. Put the whole field in quotes and double the quote ("").`,
          line,
        );
      quoted = true;
      cellStarted = true;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (afterQuote) throw new CsvSyntaxError(`Line ${line}: text follows a closing quote. Put the whole field in quotes.`, line);
      cell += ch;
      cellStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(`Line ${recordLine}: a quoted field is never closed. Add the closing quote.`, recordLine);
  if (cell !== '' || cells.length > 0 || afterQuote) endRecord();
  return records;
}

/** Neutralise a cell a spreadsheet would run as a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undo guardCell: drop the apostrophe Chartfax put before = + - @. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Write records as CSV (CRLF line ends, formula guard on every cell). */
export function writeCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return (
    rows.map((row) => row.map((v) => quoteCell(guardCell(v === null || v === undefined ? '' : String(v)))).join(',')).join('\r\n') + '\r\n'
  );
}
