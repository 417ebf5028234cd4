/**
 * Makes arbitrary user text safe to lay out with our fonts: control and invisible formatting
 * characters are removed (they could reorder or hide text), and anything the fonts cannot draw
 * (emoji, CJK, …) becomes a visible "?" so the reader knows something was there.
 */

export const REPLACEMENT_CHAR = '?';

export interface CleanText {
  text: string;
  /** Characters replaced by REPLACEMENT_CHAR. */
  replaced: number;
}

const FORMAT_CHAR = /\p{Cf}/u;

/**
 * @param canPrint whether both fonts (regular and bold) have a glyph for a code point
 * @param multiline keep line breaks (otherwise they become spaces)
 */
export function cleanText(input: string, canPrint: (codePoint: number) => boolean, multiline: boolean): CleanText {
  let replaced = 0;
  let out = '';
  const normalized = input.normalize('NFC').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  for (const ch of normalized) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      out += multiline ? '\n' : ' ';
    } else if (ch === '\t') {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      // control characters: dropped
    } else if (FORMAT_CHAR.test(ch) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) {
      // bidi overrides, zero-width joiners, variation selectors: dropped
    } else if (/\s/u.test(ch)) {
      out += ch === '\u00a0' ? ch : ' ';
    } else if (canPrint(cp)) {
      out += ch;
    } else {
      out += REPLACEMENT_CHAR;
      replaced++;
    }
  }
  return { text: out, replaced };
}
