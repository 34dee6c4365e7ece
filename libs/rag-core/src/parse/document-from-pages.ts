import { DocumentError } from '../errors.js';
import type { ParsedDocument } from '../model.js';
import type { PageResult } from './page-text.js';

/**
 * The parsed document from every page's result, or why there is none: `NO_TEXT_LAYER` when no
 * page has usable text, `CORRUPT_PDF` when that is because pages could not be read at all (or
 * there are no pages). Unusable pages of a usable document keep their text (often `''`), so
 * page numbers stay aligned with the PDF.
 */
export function documentFromPages(pageCount: number, pages: readonly PageResult[]): ParsedDocument {
  if (pages.length !== pageCount || pages.some((page, index) => page.pageNumber !== index + 1)) {
    throw new Error(`Expected pages 1..${pageCount} in order, got ${pages.map((page) => page.pageNumber).join(',')}.`);
  }
  if (!pages.some((page) => page.usable)) {
    const damaged = pageCount === 0 || pages.some((page) => page.error !== undefined);
    throw new DocumentError(damaged ? 'CORRUPT_PDF' : 'NO_TEXT_LAYER');
  }
  return {
    pageCount,
    pages: pages.map(({ pageNumber, text, source, ocrConfidence }) =>
      source === 'ocr' ? { pageNumber, text, source, ...(ocrConfidence !== undefined && { ocrConfidence }) } : { pageNumber, text },
    ),
  };
}
