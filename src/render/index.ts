/**
 * Document rendering pipeline: FaxDocumentSpec → PDF layout (pdfkit) → 1-bit fax pages (PDFium in
 * worker threads, threshold 160) → G4 TIFF, G4-wrapped PDF and PNG previews.
 */
import type { ContinuationSpec, FaxDocumentSpec, FaxResolution, PaperSize } from '../core/fax-document';
import { FaxError } from '../core/errors';
import { SAMPLE_COVER_VARIABLES, parseCoverTemplate } from '../core/cover-template';
import {
  LONG_DOCUMENT_WARNING_PAGES,
  MAX_CHART_ENTRIES_PER_FAX,
  MAX_COVER_NOTES_CHARS,
  MAX_SECTION_TEXT_CHARS,
  MAX_SUBJECT_CHARS,
  coverNotesLimitError,
  entryLimitError,
  sectionTextLimitError,
  subjectLimitError,
} from '../core/render-limits';
import { composeCoverOnly, composeDocument } from './compose';
import { pageGeometry } from './raster-geometry';
import { RasterPool } from './raster-pool';
import { writeFaxTiff } from './tiff-writer';
import { writeFaxPdf } from './fax-pdf';

export interface RenderWarning {
  code: 'unsigned-entries' | 'long-document' | 'plan-without-entries' | 'replaced-characters';
  message: string;
}

export interface RenderedFax {
  /** Pages in this output (for a continuation: its cover plus the resent pages). */
  pageCount: number;
  resolution: FaxResolution;
  /** The fax pages as CCITT G4 images, one per PDF page (what cloud providers receive). */
  pdf: Uint8Array;
  /** Multi-page G4 TIFF of the same pages. */
  tiff: Uint8Array;
  /** PNG per page, exactly the faxed pixels (204 × 196 or 204 × 98 dpi). */
  previews: Uint8Array[];
  warnings: RenderWarning[];
}

export interface RenderOptions {
  /** A retry that sends only pages firstPage..lastPage of totalPages, after a continuation cover. */
  continuation?: ContinuationSpec;
  onProgress?: (done: number, total: number) => void;
}

export interface Renderer {
  render(spec: FaxDocumentSpec, options?: RenderOptions): Promise<RenderedFax>;
  /** Terminates the worker threads. Renders still waiting are rejected. */
  close(): Promise<void>;
}

function checkLimits(spec: FaxDocumentSpec): void {
  if (spec.entries.length > MAX_CHART_ENTRIES_PER_FAX) throw entryLimitError(spec.entries.length);
  if (spec.entries.length === 0 && spec.planSummary === null) {
    throw new FaxError('empty-document', 'There is nothing to fax: choose at least one chart entry or a treatment plan.');
  }
  if (spec.cover) {
    const notes = spec.cover.variables.notes ?? '';
    if (notes.length > MAX_COVER_NOTES_CHARS) throw coverNotesLimitError(notes.length);
    const subject = spec.cover.variables.subject ?? '';
    if (subject.length > MAX_SUBJECT_CHARS) throw subjectLimitError(subject.length);
  }
  for (const entry of spec.entries) {
    for (const section of entry.sections) {
      if (section.text.length > MAX_SECTION_TEXT_CHARS) throw sectionTextLimitError(section.text.length);
    }
  }
}

function collectWarnings(spec: FaxDocumentSpec, totalPages: number, replaced: number): RenderWarning[] {
  const warnings: RenderWarning[] = [];
  const unsigned = spec.entries.filter((e) => !e.signed).length;
  if (unsigned > 0) {
    warnings.push({
      code: 'unsigned-entries',
      message:
        unsigned === 1
          ? `1 of the ${spec.entries.length} chart entries is unsigned; it is marked "Unsigned" on the fax.`
          : `${unsigned} of the ${spec.entries.length} chart entries are unsigned; they are marked "Unsigned" on the fax.`,
    });
  }
  if (totalPages > LONG_DOCUMENT_WARNING_PAGES) {
    warnings.push({
      code: 'long-document',
      message: `This fax is ${totalPages} pages long; at about 17 seconds a page it will take roughly ${Math.ceil((totalPages * 17) / 60)} minutes to send.`,
    });
  }
  if (spec.planSummary && spec.entries.length === 0) {
    warnings.push({
      code: 'plan-without-entries',
      message: 'The treatment plan has no chart entries: only its summary page is sent.',
    });
  }
  if (replaced > 0) {
    warnings.push({
      code: 'replaced-characters',
      message: `${replaced} character${replaced === 1 ? '' : 's'} that fax fonts cannot print (such as emoji or some scripts) ${replaced === 1 ? 'was' : 'were'} replaced by "?".`,
    });
  }
  return warnings;
}

/**
 * Create a renderer backed by a pool of worker threads (default: one per core). Call close() when
 * done; workers start on the first render.
 */
export function createRenderer(options: { threads?: number } = {}): Renderer {
  const pool = new RasterPool(options.threads);
  let closed = false;
  return {
    async render(spec, renderOptions = {}) {
      if (closed) throw new Error('The renderer has been closed');
      checkLimits(spec);
      const { continuation, onProgress } = renderOptions;
      let composed;
      try {
        composed = await composeDocument(spec, continuation);
      } catch (error) {
        if (error instanceof FaxError) throw error;
        throw new FaxError('document-error', undefined, { cause: error });
      }
      const pageIndices: number[] = [];
      if (continuation && composed.continuationCoverIndex !== null) {
        pageIndices.push(composed.continuationCoverIndex);
        for (let p = continuation.firstPage; p <= continuation.lastPage; p++) pageIndices.push(p - 1);
      } else {
        for (let p = 0; p < composed.totalPages; p++) pageIndices.push(p);
      }
      const geometry = pageGeometry(spec.paper, spec.resolution);
      onProgress?.(0, pageIndices.length);
      let pages;
      try {
        pages = await pool.rasterize(composed.pdf, pageIndices, geometry, (done) => onProgress?.(done, pageIndices.length));
      } catch (error) {
        throw new FaxError('document-error', undefined, { cause: error });
      }
      const g4Pages = pages.map((p) => ({ width: p.width, height: p.height, data: p.g4 }));
      return {
        pageCount: pages.length,
        resolution: spec.resolution,
        pdf: writeFaxPdf(g4Pages, geometry.dpiX, geometry.dpiY),
        tiff: writeFaxTiff(g4Pages, geometry.dpiX, geometry.dpiY),
        previews: pages.map((p) => p.png),
        warnings: collectWarnings(spec, composed.totalPages, composed.replacedCharacters),
      };
    },
    close: () => {
      closed = true;
      return pool.close();
    },
  };
}

/**
 * Check a cover template: it must parse (see cover-template.ts) and, filled with sample values,
 * fit on one page. Throws FaxError 'validation-failed' or 'cover-overflow'.
 */
export async function validateCoverTemplate(source: string, opts: { allowPatientFields: boolean; paper?: PaperSize }): Promise<void> {
  parseCoverTemplate(source, { allowPatientFields: opts.allowPatientFields });
  const variables = { ...SAMPLE_COVER_VARIABLES };
  if (!opts.allowPatientFields) {
    delete (variables as { patientName?: string }).patientName;
    delete (variables as { patientDateOfBirth?: string }).patientDateOfBirth;
  }
  await composeCoverOnly(source, variables, opts.paper ?? 'letter', opts.allowPatientFields);
}

export { combineRecipientName } from '../core/recipient-name';
export { pageGeometry, FAX_WIDTH_PX } from './raster-geometry';
