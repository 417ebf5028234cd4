/**
 * Pixel geometry of fax pages. The scan line is always 1728 pels at 8 pels/mm (ITU-T T.4), which
 * covers 215 mm: Letter (215.9 mm) maps onto it exactly; A4 (210 mm) is drawn at 8 px/mm = 1680 px and
 * centred with 24 white pels on each side rather than scaled up.
 */
import type { FaxResolution, PaperSize } from '../core/fax-document';

export const FAX_WIDTH_PX = 1728;
export const FAX_DPI_X = 204;

export interface PageGeometry {
  /** Width the PDF page is rendered at, before padding to FAX_WIDTH_PX. */
  renderWidthPx: number;
  heightPx: number;
  /** White pels added on the left (the same on the right); a whole number of bytes. */
  padLeftPx: number;
  dpiX: number;
  dpiY: number;
}

export function dpiYOf(resolution: FaxResolution): number {
  return resolution === 'standard' ? 98 : 196;
}

export function pageGeometry(paper: PaperSize, resolution: FaxResolution): PageGeometry {
  const dpiY = dpiYOf(resolution);
  if (paper === 'a4') {
    // T.4 metric vertical resolutions: 7.7 lines/mm (fine), 3.85 lines/mm (standard).
    const linesPerMm = resolution === 'standard' ? 3.85 : 7.7;
    const renderWidthPx = 210 * 8;
    return { renderWidthPx, heightPx: Math.round(297 * linesPerMm), padLeftPx: (FAX_WIDTH_PX - renderWidthPx) / 2, dpiX: FAX_DPI_X, dpiY };
  }
  return { renderWidthPx: FAX_WIDTH_PX, heightPx: 11 * dpiY, padLeftPx: 0, dpiX: FAX_DPI_X, dpiY };
}
