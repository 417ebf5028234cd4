/**
 * A PDF whose pages are exactly our 1-bit fax pages, each one CCITT G4 image filling the page.
 *
 * Cloud fax providers take PDF and rasterize it themselves at a threshold we do not control; a page
 * that is already a 1728-pixel-wide G4 image sized 1728/204 in × rows/dpiY in comes back as the same
 * pixels when rasterized at 204 × dpiY, so the recipient gets what our preview shows.
 */
import type { G4Page } from './tiff-writer';

const encoder = new TextEncoder();

function formatNumber(n: number): string {
  return Number(n.toFixed(4)).toString();
}

export function writeFaxPdf(pages: readonly G4Page[], dpiX: number, dpiY: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const push = (data: Uint8Array | string): void => {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    chunks.push(bytes);
    length += bytes.length;
  };
  const startObject = (id: number): void => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
  };

  // Object ids: 1 catalog, 2 page tree, then per page: page, content, image.
  const pageId = (i: number): number => 3 + i * 3;
  push('%PDF-1.4\n');
  // A comment line of high bytes marks the file as binary for transfer tools.
  push(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  startObject(1);
  push('<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  startObject(2);
  push(`<< /Type /Pages /Count ${pages.length} /Kids [${pages.map((_, i) => `${pageId(i)} 0 R`).join(' ')}] >>\nendobj\n`);
  pages.forEach((page, i) => {
    const id = pageId(i);
    const widthPt = formatNumber((page.width / dpiX) * 72);
    const heightPt = formatNumber((page.height / dpiY) * 72);
    startObject(id);
    push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${widthPt} ${heightPt}] ` +
        `/Resources << /XObject << /Im0 ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>\nendobj\n`,
    );
    const content = `q ${widthPt} 0 0 ${heightPt} 0 0 cm /Im0 Do Q\n`;
    startObject(id + 1);
    push(`<< /Length ${content.length} >>\nstream\n${content}endstream\nendobj\n`);
    startObject(id + 2);
    push(
      `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray ` +
        `/BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${page.width} /Rows ${page.height} /BlackIs1 false >> ` +
        `/Length ${page.data.length} >>\nstream\n`,
    );
    push(page.data);
    push('\nendstream\nendobj\n');
  });
  const objectCount = 3 + pages.length * 3;
  const xrefAt = length;
  let xref = `xref\n0 ${objectCount}\n0000000000 65535 f \n`;
  for (let id = 1; id < objectCount; id++) xref += `${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`;
  push(xref);
  push(`trailer\n<< /Size ${objectCount} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
