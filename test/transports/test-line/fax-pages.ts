/**
 * Synthetic fax pages for the test line's tests: 1728×2156 (Letter at fine resolution), 1-bit,
 * CCITT G4, min-is-white — the format Chartfax's renderer hands to the test line. Each page carries
 * text-like lines of different lengths, so pages differ from each other and a mixed-up page shows.
 */
import sharp from 'sharp';

export const FAX_WIDTH_PX = 1728;
export const FAX_LETTER_FINE_HEIGHT_PX = 2156;

function pageSvg(pageIndex: number): string {
  const lines: string[] = [];
  for (let row = 0; row < 56; row += 1) {
    let x = 120;
    for (let word = 0; word < 14; word += 1) {
      const width = 30 + ((row * 31 + word * 17 + pageIndex * 53) % 90);
      if (x + width > 1600) break;
      lines.push(`<rect x="${x}" y="${260 + row * 32}" width="${width}" height="${10 + ((row + word) % 6)}" fill="#000"/>`);
      x += width + 18;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FAX_WIDTH_PX}" height="${FAX_LETTER_FINE_HEIGHT_PX}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<rect x="120" y="120" width="${300 + pageIndex * 120}" height="60" fill="#000"/>` +
    `<circle cx="1500" cy="150" r="${40 + pageIndex * 10}" fill="none" stroke="#000" stroke-width="6"/>` +
    lines.join('') +
    `</svg>`
  );
}

/** A multi-page G4 TIFF with `pageCount` distinct pages. */
export async function makeFaxTiff(pageCount: number): Promise<Uint8Array> {
  const pages = await Promise.all(
    Array.from({ length: pageCount }, (_, i) =>
      sharp(Buffer.from(pageSvg(i)))
        .greyscale()
        .threshold(160)
        .extractChannel(0)
        .raw()
        .toBuffer(),
    ),
  );
  const roll = Buffer.concat(pages);
  const tiff = await sharp(roll, {
    raw: { width: FAX_WIDTH_PX, height: FAX_LETTER_FINE_HEIGHT_PX * pageCount, channels: 1, pageHeight: FAX_LETTER_FINE_HEIGHT_PX },
  })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: 204 / 25.4, yres: 196 / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
  return new Uint8Array(tiff);
}

export interface DecodedPage {
  width: number;
  height: number;
  /** One byte per pixel: 0 = black, 255 = white. */
  pixels: Buffer;
}

/** Decodes every page of a TIFF (any CCITT flavour, either photometric) to grey pixels. */
export async function decodeTiffPages(tiff: Uint8Array): Promise<DecodedPage[]> {
  const { pages = 1 } = await sharp(tiff).metadata();
  const decoded: DecodedPage[] = [];
  for (let page = 0; page < pages; page += 1) {
    const { data, info } = await sharp(tiff, { page }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    decoded.push({ width: info.width, height: info.height, pixels: data });
  }
  return decoded;
}

export function countBlack(page: DecodedPage): number {
  let black = 0;
  for (const value of page.pixels) if (value < 128) black += 1;
  return black;
}

/**
 * The ImageDescription tag (270) of a TIFF's first page. spandsp writes the sender's station id
 * (TSI) there, i.e. what the receiving machine printed in its log. A little-endian-or-big-endian
 * IFD walk; enough for the files spandsp writes.
 */
export function readImageDescription(tiff: Uint8Array): string | null {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = view.getUint16(0) === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== 270) continue;
    const count = u32(entry + 4);
    const at = count <= 4 ? entry + 8 : u32(entry + 8);
    return new TextDecoder().decode(tiff.subarray(at, at + count)).replace(/\0+$/, '');
  }
  return null;
}
