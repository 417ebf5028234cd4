/**
 * Multi-page TIFF writer for G4 fax pages (one strip per page).
 *
 * Tags follow the fax convention (TIFF 6.0 section 11 and the TIFF Class F profile, with
 * Compression 4 instead of 3): NewSubfileType 2 (a page of a multi-page document), 1 bit per sample,
 * PhotometricInterpretation 0 (min-is-white), FillOrder 1, resolution in pixels per inch (204 across,
 * 196 or 98 down) and PageNumber (index from 0, total).
 */

export interface G4Page {
  width: number;
  height: number;
  /** One T.6 stream ending in EOFB (see g4-encode.ts). */
  data: Uint8Array;
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const ASCII = 2;

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** For values that fit in 4 bytes. */
  inline?: number[];
  /** Offset (relative to file start) of out-of-line data. */
  offset?: number;
}

export function writeFaxTiff(pages: readonly G4Page[], dpiX: number, dpiY: number): Uint8Array {
  const software = 'Chartfax\0';
  // Layout: header, then per page [strip data][rationals + software][IFD].
  const entriesPerIfd = 17;
  const ifdSize = 2 + entriesPerIfd * 12 + 4;
  let size = 8;
  for (const page of pages) {
    size += page.data.length + ((size + page.data.length) % 2); // keep what follows word-aligned
    size += 16 + software.length + (software.length % 2) + ifdSize;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = 0x49;
  out[1] = 0x49;
  view.setUint16(2, 42, true);
  let pos = 8;
  let previousNextIfdAt = 4;
  pages.forEach((page, index) => {
    const stripOffset = pos;
    out.set(page.data, pos);
    pos += page.data.length;
    if (pos % 2) pos++;
    const xresAt = pos;
    view.setUint32(pos, dpiX, true);
    view.setUint32(pos + 4, 1, true);
    view.setUint32(pos + 8, dpiY, true);
    view.setUint32(pos + 12, 1, true);
    pos += 16;
    const softwareAt = pos;
    for (let i = 0; i < software.length; i++) out[pos + i] = software.charCodeAt(i);
    pos += software.length + (software.length % 2);
    const entries: Entry[] = [
      { tag: 254, type: LONG, count: 1, inline: [2] },
      { tag: 256, type: LONG, count: 1, inline: [page.width] },
      { tag: 257, type: LONG, count: 1, inline: [page.height] },
      { tag: 258, type: SHORT, count: 1, inline: [1] },
      { tag: 259, type: SHORT, count: 1, inline: [4] },
      { tag: 262, type: SHORT, count: 1, inline: [0] },
      { tag: 266, type: SHORT, count: 1, inline: [1] },
      { tag: 273, type: LONG, count: 1, inline: [stripOffset] },
      { tag: 277, type: SHORT, count: 1, inline: [1] },
      { tag: 278, type: LONG, count: 1, inline: [page.height] },
      { tag: 279, type: LONG, count: 1, inline: [page.data.length] },
      { tag: 282, type: RATIONAL, count: 1, offset: xresAt },
      { tag: 283, type: RATIONAL, count: 1, offset: xresAt + 8 },
      { tag: 293, type: LONG, count: 1, inline: [0] },
      { tag: 296, type: SHORT, count: 1, inline: [2] },
      { tag: 297, type: SHORT, count: 2, inline: [index, pages.length] },
      { tag: 305, type: ASCII, count: software.length, offset: softwareAt },
    ];
    const ifdAt = pos;
    view.setUint32(previousNextIfdAt, ifdAt, true);
    view.setUint16(pos, entries.length, true);
    pos += 2;
    for (const e of entries) {
      view.setUint16(pos, e.tag, true);
      view.setUint16(pos + 2, e.type, true);
      view.setUint32(pos + 4, e.count, true);
      if (e.offset !== undefined) view.setUint32(pos + 8, e.offset, true);
      else if (e.type === SHORT) e.inline!.forEach((v, i) => view.setUint16(pos + 8 + i * 2, v, true));
      else view.setUint32(pos + 8, e.inline![0]!, true);
      pos += 12;
    }
    previousNextIfdAt = pos;
    view.setUint32(pos, 0, true);
    pos += 4;
  });
  return out.subarray(0, pos);
}
