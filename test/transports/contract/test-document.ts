/**
 * A small, valid PDF with `pages` blank Letter pages, standing in for Chartfax's rendered fax pages.
 */
import type { TransportDocument, TransportSubmission } from '../../../src/core/transport';

export function makeTestPdf(pages: number): Uint8Array {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i += 1) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export function makeTestDocument(pages: number): TransportDocument {
  // The TIFF is only read by the test line; providers get the PDF.
  return {
    pdf: makeTestPdf(pages),
    tiff: new Uint8Array([0x49, 0x49, 0x2a, 0x00]),
    pageCount: pages,
  };
}

let counter = 0;

/** A fresh reference per call so tests never see each other's attempts. */
export function makeSubmission(overrides: Partial<TransportSubmission> & { toNumber: string }): TransportSubmission {
  counter += 1;
  const suffix = `${process.pid.toString(36)}${counter.toString(36)}`.toUpperCase().padStart(8, '0').slice(-8);
  return {
    faxId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    reference: `CF-${suffix}`,
    attempt: 1,
    fromNumber: null,
    recipientName: 'Lakeside Physiotherapy',
    document: makeTestDocument(2),
    ...overrides,
  };
}
