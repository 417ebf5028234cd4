/**
 * Lays a fax document out as a PDF with pdfkit: cover page, plan summary, chart entries, and the
 * header on every page. Line breaking and page breaking are our own (not pdfkit's) so that a line
 * is never split across pages, over-long words are hard-broken, and the result is deterministic.
 */
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import type {
  ContinuationSpec,
  CoverVariables,
  DocumentChartEntry,
  DocumentPlanSummary,
  FaxDocumentSpec,
  PaperSize,
} from '../core/fax-document';
import { FaxError } from '../core/errors';
import { parseCoverTemplate, renderCoverTemplate, type CoverBlock } from '../core/cover-template';
import { MAX_PAGES_PER_FAX, pageLimitError } from '../core/render-limits';
import { cleanText } from './text-clean';
import { formatCalendarDate, formatInstant } from './format';

type Doc = PDFKit.PDFDocument;
type FontName = 'regular' | 'bold';
/** A font file of one style: the main face, or the fallback drawn only for characters the main face lacks. */
type FaceName = FontName | 'regular-fallback' | 'bold-fallback';

/**
 * Noto Sans is the main face because it makes the smallest fax pages of the legible fonts we tried:
 * PDFium renders its (ttfautohint) hinting, so stems and bowls come out clean at 204 dpi, whereas
 * DejaVu Sans's hand-made hints barely change PDFium's output (stripping them: chart note 14 598 →
 * 14 688 G4 bytes; Noto's: 13 796 → 14 336). On the same content Noto's G4 is about 6% smaller than
 * DejaVu's and below Ghostscript's rendering of the same PDF (scripts/bench-render.ts). DejaVu Sans
 * stays as the fallback so names in Hebrew, Arabic, Armenian, Georgian, … print as before, not "?".
 */
const FACE_FILES: Record<FaceName, string> = {
  regular: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  'regular-fallback': 'DejaVuSans.ttf',
  'bold-fallback': 'DejaVuSans-Bold.ttf',
};
const FALLBACK_FACE: Record<FontName, FaceName> = { regular: 'regular-fallback', bold: 'bold-fallback' };

/**
 * Where the baseline sits below the y a line is drawn at, in ems. pdfkit would put it at the
 * font's ascender, which differs from face to face (Noto 1.07, DejaVu 0.93): a fixed value keeps
 * a fallback run on the main face's baseline, and keeps the layout's spacing (designed with DejaVu's
 * 0.93) independent of the font.
 */
const BASELINE_EM = 0.928;

/** What pdfkit calls a font source: here a parsed font object (it accepts anything with layout()). */
type ParsedFont = { layout: unknown; hasGlyphForCodePoint(codePoint: number): boolean };
const parsedFaces: Partial<Record<FaceName, ParsedFont>> = {};
let bootstrapDoc: Doc | null = null;

/**
 * Each font file is parsed once per process (pdfkit would otherwise re-parse it for every document,
 * which costs more than laying out and rasterizing a one-page note); a fallback face only when a
 * character first needs it.
 */
function parsedFace(name: FaceName): ParsedFont {
  let parsed = parsedFaces[name];
  if (!parsed) {
    bootstrapDoc ??= new PDFDocument({ autoFirstPage: false });
    bootstrapDoc.registerFont(name, readFileSync(new URL(`../../assets/fonts/${FACE_FILES[name]}`, import.meta.url)));
    bootstrapDoc.font(name);
    parsed = (bootstrapDoc as unknown as { _font: { font: ParsedFont } })._font.font;
    parsedFaces[name] = parsed;
  }
  return parsed;
}

const mainGlyphCache: Record<FontName, Map<number, boolean>> = { regular: new Map(), bold: new Map() };

function mainFaceHas(font: FontName, codePoint: number): boolean {
  const cache = mainGlyphCache[font];
  let has = cache.get(codePoint);
  if (has === undefined) {
    has = parsedFace(font).hasGlyphForCodePoint(codePoint);
    cache.set(codePoint, has);
  }
  return has;
}

const fallbackFacesOfDoc = new WeakMap<Doc, Set<FaceName>>();

/** doc.font(face), registering a fallback face with the document the first time it needs it. */
function selectFace(doc: Doc, face: FaceName): Doc {
  if (face !== 'regular' && face !== 'bold') {
    let registered = fallbackFacesOfDoc.get(doc);
    if (!registered) fallbackFacesOfDoc.set(doc, (registered = new Set()));
    if (!registered.has(face)) {
      doc.registerFont(face, parsedFace(face) as unknown as Buffer);
      registered.add(face);
    }
  }
  return doc.font(face);
}

interface FaceRun {
  face: FaceName;
  text: string;
}

/**
 * Cuts text into runs of one face: the main face wherever it has the glyph, the fallback elsewhere.
 * Null when the main face has every character (nearly always), so the usual path stays one call.
 */
function faceRuns(font: FontName, text: string): FaceRun[] | null {
  let runs: FaceRun[] | null = null;
  let start = 0;
  let offset = 0;
  let currentFace: FaceName = font;
  for (const ch of text) {
    const face = mainFaceHas(font, ch.codePointAt(0)!) ? font : FALLBACK_FACE[font];
    if (face !== currentFace) {
      runs ??= [];
      if (offset > start) runs.push({ face: currentFace, text: text.slice(start, offset) });
      start = offset;
      currentFace = face;
    }
    offset += ch.length;
  }
  if (runs === null) return null;
  runs.push({ face: currentFace, text: text.slice(start) });
  return runs;
}

// Points (1/72 in). Fax machines crop a few millimetres at every edge, so nothing is closer than
// 0.5 in to the sides; the header sits 0.45 in from the top.
const PAGE_SIZES: Record<PaperSize, [number, number]> = { letter: [612, 792], a4: [595.28, 841.89] };
const MARGIN_X = 43.2; // 0.6 in
const HEADER_TOP = 32.4; // 0.45 in
const BODY_TOP = 80;
const MARGIN_BOTTOM = 43.2;

const BODY_SIZE = 10.5;
const BODY_LEADING = 14.5;
const PARAGRAPH_GAP = 5;

/** Fixed creation date: the layout PDF must not carry the current time (deterministic output). */
const FIXED_PDF_DATE = new Date(Date.UTC(2000, 0, 1));

const glyphCache = new Map<number, boolean>();

/** Character accounting shared by one document's layout. */
class TextCleaner {
  replaced = 0;

  private canPrint = (cp: number): boolean => {
    let ok = glyphCache.get(cp);
    if (ok === undefined) {
      // Printable when each style has the glyph in its main face or in its fallback.
      ok =
        (mainFaceHas('regular', cp) || parsedFace('regular-fallback').hasGlyphForCodePoint(cp)) &&
        (mainFaceHas('bold', cp) || parsedFace('bold-fallback').hasGlyphForCodePoint(cp));
      glyphCache.set(cp, ok);
    }
    return ok;
  };

  line(text: string | null | undefined): string {
    const r = cleanText(text ?? '', this.canPrint, false);
    this.replaced += r.replaced;
    return r.text.replace(/ {2,}/g, ' ').trim();
  }

  block(text: string | null | undefined): string {
    const r = cleanText(text ?? '', this.canPrint, true);
    this.replaced += r.replaced;
    return r.text;
  }
}

interface Layout {
  doc: Doc;
  width: number;
  height: number;
  left: number;
  right: number;
  contentWidth: number;
  bottom: number;
  y: number;
  clean: TextCleaner;
}

/**
 * The part of pdfkit's EmbeddedFont (one per font per document) that we reach into. Both hooks are
 * per-process caches of work pdfkit would otherwise redo for every document:
 * - `layoutCached`: fontkit shaping of each word (glyphs and advances of the full font, independent
 *   of the document; pdfkit keeps this cache per document only);
 * - `subset.encode`: building the embedded TrueType subset, which is the same bytes for every document
 *   whose glyphs are all in the seeded set below.
 */
interface PdfkitEmbeddedFont {
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
  encode(text: string): unknown;
  subset: { glyphs: number[]; encode(): Uint8Array };
}

/**
 * Glyphs put into every document's font subset first, in a fixed order, so that the subset (and its
 * encoding) is identical across documents that use no other characters: printable ASCII plus the
 * punctuation the layout itself uses. Costs a few KB per document, saves re-encoding the subset.
 */
const SEED_TEXT = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '…—–·’‘“”°±×';

const LAYOUT_CACHE_MAX_ENTRIES = 50_000;
const SUBSET_CACHE_MAX_ENTRIES = 16;
const layoutCaches: Record<FontName, Map<string, unknown>> = { regular: new Map(), bold: new Map() };
const subsetCaches: Record<FontName, Map<string, Uint8Array>> = { regular: new Map(), bold: new Map() };

function shareFontCaches(doc: Doc, name: FontName): void {
  doc.font(name);
  const embedded = (doc as unknown as { _font: PdfkitEmbeddedFont })._font;
  const layouts = layoutCaches[name];
  embedded.layoutCached = (text: string) => {
    let run = layouts.get(text);
    if (run === undefined) {
      run = embedded.layoutRun(text);
      if (layouts.size >= LAYOUT_CACHE_MAX_ENTRIES) layouts.clear();
      layouts.set(text, run);
    }
    return run;
  };
  embedded.encode(SEED_TEXT);
  const subset = embedded.subset;
  const encodeSubset = subset.encode.bind(subset);
  const subsets = subsetCaches[name];
  subset.encode = () => {
    // Keyed by the glyph list before encoding (encoding appends the parts of composite glyphs).
    const key = subset.glyphs.join(',');
    let bytes = subsets.get(key);
    if (bytes === undefined) {
      bytes = encodeSubset();
      if (subsets.size >= SUBSET_CACHE_MAX_ENTRIES) subsets.delete(subsets.keys().next().value!);
      subsets.set(key, bytes);
    }
    return bytes;
  };
}

function createDoc(paper: PaperSize): Layout {
  const [width, height] = PAGE_SIZES[paper];
  const doc = new PDFDocument({
    // No default font: pdfkit would load Helvetica metrics, or (given a font) build a third embedded
    // font and compare it with ours by serialising its name table.
    font: null as unknown as string,
    size: [width, height],
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    info: { CreationDate: FIXED_PDF_DATE, ModDate: FIXED_PDF_DATE, Producer: 'Chartfax', Creator: 'Chartfax' },
  });
  doc.registerFont('regular', parsedFace('regular') as unknown as Buffer);
  doc.registerFont('bold', parsedFace('bold') as unknown as Buffer);
  shareFontCaches(doc, 'bold');
  shareFontCaches(doc, 'regular');
  return {
    doc,
    width,
    height,
    left: MARGIN_X,
    right: width - MARGIN_X,
    contentWidth: width - 2 * MARGIN_X,
    bottom: height - MARGIN_BOTTOM,
    y: BODY_TOP,
    clean: new TextCleaner(),
  };
}

// Shaping a string (fontkit layout) is the slowest part of composing a page; widths scale linearly
// with the font size, so each distinct word is measured once per process at size 1.
const widthCache: Record<FontName, Map<string, number>> = { regular: new Map(), bold: new Map() };
const WIDTH_CACHE_MAX_ENTRIES = 200_000;

function measure(doc: Doc, font: FontName, size: number, text: string): number {
  const cache = widthCache[font];
  let unit = cache.get(text);
  if (unit === undefined) {
    const runs = faceRuns(font, text);
    unit = 0;
    for (const run of runs ?? [{ face: font, text }]) unit += selectFace(doc, run.face).fontSize(1).widthOfString(run.text);
    if (cache.size >= WIDTH_CACHE_MAX_ENTRIES) cache.clear();
    cache.set(text, unit);
  }
  return unit * size;
}

/**
 * Greedy line breaking. Words longer than the line are cut at the last character that fits;
 * '\n' starts a new line.
 */
export function wrapText(doc: Doc, font: FontName, size: number, text: string, maxWidth: number): string[] {
  const width = (s: string): number => measure(doc, font, size, s);
  const spaceWidth = width(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      let w = width(word);
      if (line !== '' && lineWidth + spaceWidth + w <= maxWidth) {
        line += ' ' + word;
        lineWidth += spaceWidth + w;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (w > maxWidth) {
        const chars = Array.from(rest);
        let cut = 1;
        let cutWidth = width(chars[0]!);
        while (cut < chars.length) {
          const next = width(chars[cut]!);
          if (cutWidth + next > maxWidth) break;
          cutWidth += next;
          cut++;
        }
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
        w = width(rest);
      }
      line = rest;
      lineWidth = w;
    }
    lines.push(line);
  }
  return lines;
}

/** Draws one line with its top at y (baseline BASELINE_EM below), fallback runs where needed. */
function drawText(l: Layout, font: FontName, size: number, text: string, x: number, y: number): void {
  const baseline = -BASELINE_EM * size; // pdfkit: a numeric baseline puts the baseline at y - baseline
  const runs = faceRuns(font, text);
  if (runs === null) {
    l.doc.font(font).fontSize(size).text(text, x, y, { lineBreak: false, baseline });
    return;
  }
  for (const run of runs) {
    selectFace(l.doc, run.face).fontSize(size).text(run.text, x, y, { lineBreak: false, baseline });
    x += measure(l.doc, font, size, run.text);
  }
}

/** Shorten text with an ellipsis so it fits in `width`. */
function fitText(doc: Doc, font: FontName, size: number, text: string, width: number): string {
  if (measure(doc, font, size, text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && measure(doc, font, size, chars.join('') + '…') > width) chars.pop();
  return chars.join('').trimEnd() + '…';
}

function newPage(l: Layout): void {
  if (l.doc.bufferedPageRange().count >= MAX_PAGES_PER_FAX + 1) {
    // Stop early: a runaway document must not be laid out in full just to be refused.
    throw pageLimitError(l.doc.bufferedPageRange().count);
  }
  l.doc.addPage({ size: [l.width, l.height], margin: 0 });
  l.y = BODY_TOP;
}

function ensureSpace(l: Layout, height: number): void {
  if (l.y + height > l.bottom) newPage(l);
}

function rule(l: Layout, y: number, weight = 0.8, left = l.left, right = l.right): void {
  l.doc.save().lineWidth(weight).moveTo(left, y).lineTo(right, y).stroke().restore();
}

/** Paragraphs of body text flowing across pages, line by line. */
function flowText(l: Layout, text: string, opts: { font?: FontName; size?: number; leading?: number; indent?: number } = {}): void {
  const font = opts.font ?? 'regular';
  const size = opts.size ?? BODY_SIZE;
  const leading = opts.leading ?? BODY_LEADING;
  const indent = opts.indent ?? 0;
  const paragraphs = text
    .split(/\n[ ]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) l.y += PARAGRAPH_GAP;
    for (const line of wrapText(l.doc, font, size, paragraph, l.contentWidth - indent)) {
      ensureSpace(l, leading);
      drawText(l, font, size, line, l.left + indent, l.y);
      l.y += leading;
    }
  });
}

// ---------------------------------------------------------------- header

interface HeaderInfo {
  clinicName: string;
  clinicFax: string;
  patientLine: string | null;
  dobLine: string | null;
  reference: string;
}

function drawHeader(l: Layout, info: HeaderInfo, pageLabel: string): void {
  const { doc } = l;
  const size = 9;
  const columnWidth = l.contentWidth / 3 - 6;
  const line2 = HEADER_TOP + 13;
  drawText(l, 'bold', size, fitText(doc, 'bold', size, info.clinicName, columnWidth), l.left, HEADER_TOP);
  drawText(l, 'regular', size, fitText(doc, 'regular', size, `Fax ${info.clinicFax}`, columnWidth), l.left, line2);
  const middle = l.left + l.contentWidth / 3 + 3;
  if (info.patientLine) drawText(l, 'bold', size, fitText(doc, 'bold', size, info.patientLine, columnWidth), middle, HEADER_TOP);
  if (info.dobLine) drawText(l, 'regular', size, fitText(doc, 'regular', size, info.dobLine, columnWidth), middle, line2);
  const label = fitText(doc, 'bold', size, pageLabel, columnWidth);
  drawText(l, 'bold', size, label, l.right - measure(doc, 'bold', size, label), HEADER_TOP);
  const ref = fitText(doc, 'regular', size, `Ref ${info.reference}`, columnWidth);
  drawText(l, 'regular', size, ref, l.right - measure(doc, 'regular', size, ref), line2);
  rule(l, HEADER_TOP + 30, 1.2);
}

// ---------------------------------------------------------------- cover

interface CoverOp {
  draw: (l: Layout, top: number) => void;
}

interface CoverLayout {
  ops: CoverOp[];
  height: number;
}

const COVER_LABEL_SIZE = 11.5;
const COVER_LEADING = 16;
const COVER_SMALL_SIZE = 9;
const COVER_SMALL_LEADING = 12;

function layoutCoverBlocks(l: Layout, blocks: CoverBlock[]): CoverLayout {
  const ops: CoverOp[] = [];
  const { doc } = l;
  let y = 0;
  const labelColumn = Math.min(
    180,
    Math.max(0, ...blocks.map((b) => (b.kind === 'label' ? measure(doc, 'bold', COVER_LABEL_SIZE, l.clean.line(b.label)) : 0))) + 12,
  );
  const textOp = (font: FontName, size: number, text: string, x: number, at: number): CoverOp => ({
    draw: (layout, top) => drawText(layout, font, size, text, x, top + at),
  });
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading': {
        const size = block.level === 1 ? 24 : 14;
        const leading = block.level === 1 ? 30 : 19;
        if (block.level === 2) y += 4;
        for (const line of wrapText(doc, 'bold', size, l.clean.line(block.text), l.contentWidth)) {
          ops.push(textOp('bold', size, line, l.left, y));
          y += leading;
        }
        y += block.level === 1 ? 6 : 2;
        break;
      }
      case 'label': {
        const label = l.clean.line(block.label);
        const lines = wrapText(doc, 'regular', COVER_LABEL_SIZE, l.clean.line(block.text), l.contentWidth - labelColumn);
        ops.push(textOp('bold', COVER_LABEL_SIZE, label, l.left, y));
        for (const line of lines) {
          ops.push(textOp('regular', COVER_LABEL_SIZE, line, l.left + labelColumn, y));
          y += COVER_LEADING;
        }
        break;
      }
      case 'paragraph': {
        for (const line of wrapText(doc, 'regular', 11, l.clean.block(block.text), l.contentWidth)) {
          ops.push(textOp('regular', 11, line, l.left, y));
          y += 15;
        }
        break;
      }
      case 'small': {
        for (const line of wrapText(doc, 'regular', COVER_SMALL_SIZE, l.clean.line(block.text), l.contentWidth)) {
          ops.push(textOp('regular', COVER_SMALL_SIZE, line, l.left, y));
          y += COVER_SMALL_LEADING;
        }
        break;
      }
      case 'rule': {
        const at = y + 6;
        ops.push({ draw: (layout, top) => rule(layout, top + at, 1) });
        y += 14;
        break;
      }
      case 'space':
        y += 10;
        break;
    }
  }
  return { ops, height: y };
}

function coverOverflowError(l: Layout, variables: CoverVariables, excess: number): FaxError {
  const lines = Math.max(1, Math.ceil(excess / 15));
  const notes = variables.notes.trim();
  if (notes === '') {
    return new FaxError(
      'cover-overflow',
      `The cover template is about ${lines} lines too long to fit on one page. Remove about ${lines} lines from the template.`,
      { fields: { template: `About ${lines} lines too long for one page.` } },
    );
  }
  const sample = notes.replace(/\s+/g, ' ');
  const avgCharWidth = measure(l.doc, 'regular', 11, sample) / Math.max(1, sample.length);
  const charsPerLine = Math.max(1, Math.floor(l.contentWidth / Math.max(avgCharWidth, 1)));
  const chars = lines * charsPerLine;
  const message =
    `The cover page notes are about ${lines} lines too long to fit on one page. ` +
    `Shorten the notes by about ${lines} lines (${chars} characters) or turn the cover page off.`;
  return new FaxError('cover-overflow', message, {
    fields: { 'coverPage.notes': `About ${lines} lines (${chars} characters) too long for one page.` },
  });
}

/** Lay out the cover on the current page, or throw 'cover-overflow' if it needs more than one page. */
function drawCover(l: Layout, template: string, variables: CoverVariables, allowPatientFields: boolean): void {
  const parsed = parseCoverTemplate(template, { allowPatientFields });
  const blocks = renderCoverTemplate(parsed, variables);
  const layout = layoutCoverBlocks(l, blocks);
  const available = l.bottom - BODY_TOP;
  if (layout.height > available) throw coverOverflowError(l, variables, layout.height - available);
  for (const op of layout.ops) op.draw(l, BODY_TOP);
}

// ---------------------------------------------------------------- plan summary and entries

function labelRow(l: Layout, label: string, value: string, labelWidth: number): void {
  const lines = wrapText(l.doc, 'regular', BODY_SIZE, value, l.contentWidth - labelWidth);
  ensureSpace(l, BODY_LEADING * Math.min(lines.length, 2));
  drawText(l, 'bold', BODY_SIZE, label, l.left, l.y);
  for (const line of lines) {
    ensureSpace(l, BODY_LEADING);
    drawText(l, 'regular', BODY_SIZE, line, l.left + labelWidth, l.y);
    l.y += BODY_LEADING;
  }
}

function drawPlanSummary(l: Layout, plan: DocumentPlanSummary, hasEntries: boolean): void {
  const c = l.clean;
  drawText(l, 'bold', 18, 'Treatment plan', l.left, l.y);
  l.y += 28;
  for (const line of wrapText(l.doc, 'bold', 14, c.line(plan.title), l.contentWidth)) {
    drawText(l, 'bold', 14, line, l.left, l.y);
    l.y += 19;
  }
  l.y += 8;
  const labelWidth = 100;
  labelRow(l, 'Condition', c.line(plan.condition) || '—', labelWidth);
  labelRow(l, 'Status', c.line(plan.status) || '—', labelWidth);
  labelRow(l, 'Start date', formatCalendarDate(c.line(plan.startDate)), labelWidth);
  labelRow(l, 'End date', plan.endDate ? formatCalendarDate(c.line(plan.endDate)) : 'Ongoing', labelWidth);
  labelRow(l, 'Practitioner', c.line(plan.practitionerName) || '—', labelWidth);
  l.y += 12;
  ensureSpace(l, 18 + BODY_LEADING);
  drawText(l, 'bold', 12, 'Goals', l.left, l.y);
  l.y += 18;
  const goals = plan.goals.map((g) => c.block(g)).filter((g) => g.trim() !== '');
  if (goals.length === 0) {
    drawText(l, 'regular', BODY_SIZE, 'No goals recorded.', l.left, l.y);
    l.y += BODY_LEADING;
  }
  goals.forEach((goal, i) => {
    const indent = 22;
    const lines = wrapText(l.doc, 'regular', BODY_SIZE, goal.replace(/\s*\n\s*/g, ' '), l.contentWidth - indent);
    lines.forEach((line, j) => {
      ensureSpace(l, BODY_LEADING);
      if (j === 0) drawText(l, 'regular', BODY_SIZE, `${i + 1}.`, l.left, l.y);
      drawText(l, 'regular', BODY_SIZE, line, l.left + indent, l.y);
      l.y += BODY_LEADING;
    });
    l.y += 3;
  });
  if (!hasEntries) {
    l.y += 12;
    ensureSpace(l, BODY_LEADING);
    drawText(l, 'bold', BODY_SIZE, 'No chart entries are attached to this treatment plan.', l.left, l.y);
    l.y += BODY_LEADING;
  }
}

const ENTRY_TITLE_SIZE = 13;
const ENTRY_TITLE_LEADING = 17;
const SECTION_TITLE_SIZE = 11;
const SECTION_TITLE_LEADING = 15;

function drawUnsignedBadge(l: Layout, rightX: number, y: number): void {
  const text = 'UNSIGNED';
  const size = 9.5;
  const w = measure(l.doc, 'bold', size, text) + 12;
  const x = rightX - w;
  l.doc
    .save()
    .lineWidth(1.5)
    .rect(x, y - 2, w, 16)
    .stroke()
    .restore();
  drawText(l, 'bold', size, text, x + 6, y + 1);
}

function drawEntry(l: Layout, entry: DocumentChartEntry, timeZone: string): void {
  const c = l.clean;
  const badgeWidth = entry.signed ? 0 : 90;
  const titleLines = wrapText(l.doc, 'bold', ENTRY_TITLE_SIZE, c.line(entry.templateName) || 'Chart entry', l.contentWidth - badgeWidth);
  const author = [c.line(entry.authorName), c.line(entry.authorCredentials)].filter((s) => s !== '').join(', ');
  const meta = `${formatInstant(entry.occurredAt, timeZone)}  ·  ${author || 'Unknown author'}${entry.signed ? '' : '  ·  Not signed'}`;
  const metaLines = wrapText(l.doc, 'regular', 9.5, meta, l.contentWidth);
  // Keep the entry's heading with its first section title and two lines of text.
  const headingHeight = titleLines.length * ENTRY_TITLE_LEADING + metaLines.length * 13 + 10;
  ensureSpace(l, headingHeight + SECTION_TITLE_LEADING + 2 * BODY_LEADING);
  titleLines.forEach((line, i) => {
    drawText(l, 'bold', ENTRY_TITLE_SIZE, line, l.left, l.y);
    if (i === 0 && !entry.signed) drawUnsignedBadge(l, l.right, l.y);
    l.y += ENTRY_TITLE_LEADING;
  });
  for (const line of metaLines) {
    drawText(l, 'regular', 9.5, line, l.left, l.y);
    l.y += 13;
  }
  rule(l, l.y + 2, 0.6);
  l.y += 10;

  const sections = entry.sections.filter((s) => s.title.trim() !== '' || s.text.trim() !== '');
  if (sections.length === 0) {
    ensureSpace(l, BODY_LEADING);
    drawText(l, 'regular', BODY_SIZE, 'This entry has no content.', l.left, l.y);
    l.y += BODY_LEADING;
  }
  sections.forEach((section, i) => {
    if (i > 0) l.y += 6;
    const title = c.line(section.title);
    const text = c.block(section.text).trim();
    if (title !== '') {
      ensureSpace(l, SECTION_TITLE_LEADING + (text === '' ? 0 : 2 * BODY_LEADING));
      for (const line of wrapText(l.doc, 'bold', SECTION_TITLE_SIZE, title, l.contentWidth)) {
        ensureSpace(l, SECTION_TITLE_LEADING);
        drawText(l, 'bold', SECTION_TITLE_SIZE, line, l.left, l.y);
        l.y += SECTION_TITLE_LEADING;
      }
    }
    if (text === '') {
      ensureSpace(l, BODY_LEADING);
      drawText(l, 'regular', BODY_SIZE, '—', l.left, l.y);
      l.y += BODY_LEADING;
    } else {
      flowText(l, text);
    }
  });
  l.y += 18;
}

// ---------------------------------------------------------------- continuation cover

function drawContinuationCover(l: Layout, spec: FaxDocumentSpec, continuation: ContinuationSpec, pagesInTransmission: number): void {
  const c = l.clean;
  const range =
    continuation.firstPage === continuation.lastPage
      ? `page ${continuation.firstPage} of ${continuation.totalPages}`
      : `pages ${continuation.firstPage}–${continuation.lastPage} of ${continuation.totalPages}`;
  drawText(l, 'bold', 24, 'Fax (continued)', l.left, l.y);
  l.y += 36;
  for (const line of wrapText(
    l.doc,
    'regular',
    11.5,
    `This transmission continues fax ${c.line(spec.reference)}. It carries ${range}; the other pages were sent before.`,
    l.contentWidth,
  )) {
    drawText(l, 'regular', 11.5, line, l.left, l.y);
    l.y += 16;
  }
  l.y += 10;
  const rows: [string, string][] = [];
  const cover = spec.cover?.variables;
  if (cover?.recipientName) rows.push(['To:', c.line(cover.recipientName)]);
  if (cover?.recipientFaxNumber) rows.push(['Fax number:', c.line(cover.recipientFaxNumber)]);
  rows.push(['From:', c.line(spec.clinic.name)]);
  rows.push(['Sending fax number:', c.line(spec.clinic.faxNumber)]);
  rows.push(['Call back:', c.line(cover?.callbackNumber || spec.clinic.phone)]);
  rows.push(['Reference:', c.line(spec.reference)]);
  rows.push(['Continued:', range]);
  rows.push(['Pages:', `${pagesInTransmission} in this transmission (this page included)`]);
  for (const [label, value] of rows) {
    drawText(l, 'bold', 11.5, label, l.left, l.y);
    drawText(l, 'regular', 11.5, fitText(l.doc, 'regular', 11.5, value, l.contentWidth - 150), l.left + 150, l.y);
    l.y += 16;
  }
  l.y += 16;
  rule(l, l.y, 1);
  l.y += 10;
  const notice =
    'Confidential. The pages that follow may hold personal health information meant only for the person or office named above. ' +
    'If this fax reached you by mistake, please call the number above, do not read on, copy or pass it on, and destroy every page.';
  for (const line of wrapText(l.doc, 'regular', COVER_SMALL_SIZE, notice, l.contentWidth)) {
    drawText(l, 'regular', COVER_SMALL_SIZE, line, l.left, l.y);
    l.y += COVER_SMALL_LEADING;
  }
}

// ---------------------------------------------------------------- document

export interface ComposedDocument {
  pdf: Uint8Array;
  /** Pages of the document proper (cover included), i.e. what "Page X of Y" counts. */
  totalPages: number;
  /** 0-based index in `pdf` of the continuation cover, when one was requested. */
  continuationCoverIndex: number | null;
  replacedCharacters: number;
}

function finish(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

export async function composeDocument(spec: FaxDocumentSpec, continuation?: ContinuationSpec): Promise<ComposedDocument> {
  const l = createDoc(spec.paper);
  const c = l.clean;
  const hasCover = spec.cover !== null;
  const tz = spec.clinic.timeZone;

  if (hasCover) newPage(l); // drawn once the page count is known
  if (spec.planSummary) {
    newPage(l);
    drawPlanSummary(l, spec.planSummary, spec.entries.length > 0);
  }
  spec.entries.forEach((entry, i) => {
    if (i === 0) newPage(l);
    drawEntry(l, entry, tz);
  });
  const totalPages = l.doc.bufferedPageRange().count;
  if (totalPages > MAX_PAGES_PER_FAX) throw pageLimitError(totalPages);

  if (spec.cover) {
    l.doc.switchToPage(0);
    const variables: CoverVariables = { ...spec.cover.variables, pages: totalPages };
    const allowPatientFields = variables.patientName !== undefined || variables.patientDateOfBirth !== undefined;
    drawCover(l, spec.cover.template, variables, allowPatientFields);
  }

  const header: HeaderInfo = {
    clinicName: c.line(spec.clinic.name),
    clinicFax: c.line(spec.clinic.faxNumber),
    patientLine: c.line(spec.patient.fullName),
    dobLine: `DOB ${formatCalendarDate(c.line(spec.patient.dateOfBirth))}`,
    reference: c.line(spec.reference),
  };
  // The cover shows the patient only when the clinic allows patient details on covers.
  const coverPatientAllowed = spec.cover?.variables.patientName !== undefined;
  for (let i = 0; i < totalPages; i++) {
    l.doc.switchToPage(i);
    const onCover = hasCover && i === 0;
    const info = onCover && !coverPatientAllowed ? { ...header, patientLine: null, dobLine: null } : header;
    drawHeader(l, info, `Page ${i + 1} of ${totalPages}`);
  }

  let continuationCoverIndex: number | null = null;
  if (continuation) {
    const { firstPage, lastPage, totalPages: expected } = continuation;
    if (expected !== totalPages) {
      throw new FaxError(
        'conflict',
        `The document now has ${totalPages} pages, but the retry was for pages ${firstPage}–${lastPage} of ${expected}. Send it as a new fax instead.`,
      );
    }
    if (!Number.isInteger(firstPage) || !Number.isInteger(lastPage) || firstPage < 1 || lastPage > totalPages || firstPage > lastPage) {
      throw new FaxError('validation-failed', `The pages to resend (${firstPage}–${lastPage}) must lie within 1–${totalPages}.`);
    }
    newPage(l);
    continuationCoverIndex = l.doc.bufferedPageRange().count - 1;
    drawContinuationCover(l, spec, continuation, lastPage - firstPage + 2);
    drawHeader(l, { ...header, patientLine: null, dobLine: null }, `Continued ${firstPage}–${lastPage} of ${totalPages}`);
  }

  const pdf = await finish(l.doc);
  return { pdf, totalPages, continuationCoverIndex, replacedCharacters: c.replaced };
}

/** Lay out a cover alone, to check that a template fits on one page. */
export async function composeCoverOnly(
  template: string,
  variables: CoverVariables,
  paper: PaperSize,
  allowPatientFields: boolean,
): Promise<void> {
  const l = createDoc(paper);
  newPage(l);
  drawCover(l, template, variables, allowPatientFields);
  await finish(l.doc);
}
