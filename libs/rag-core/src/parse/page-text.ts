import type { PDFDocumentProxy, PDFPageProxy } from 'unpdf/pdfjs';
import { textFromItems } from './normalize-text.js';
import { assessPageText, type PageTextVerdict } from './page-usability.js';

/** What reading one page produced. `usable` is the final verdict on `text` (see {@link assessPageText}). */
export interface PageResult {
  pageNumber: number;
  text: string;
  usable: boolean;
  /** Set when the page could not be read at all (its content is damaged); `text` is then `''`. */
  error?: string;
}

/**
 * Called for a page whose text layer is not usable, with the page still open; returns the
 * page's final result. This is where OCR (issue 7) plugs in: render the page, recognise it,
 * return `{ text, usable }` — or return the text layer as it is when it cannot do better.
 */
export type UnusablePageFallback = (
  page: PDFPageProxy,
  textLayer: { pageNumber: number; text: string; verdict: PageTextVerdict & { usable: false } },
) => Promise<PageResult>;

/** The page's text layer, laid out and normalised ({@link textFromItems}). */
export async function readTextLayer(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  return textFromItems(content.items.filter((item) => 'str' in item));
}

/**
 * Text of one page: the text layer, judged by {@link assessPageText}, handed to `fallback` when
 * unusable. The page's resources are released afterwards so memory stays bounded by one page.
 */
export async function extractPage(doc: PDFDocumentProxy, pageNumber: number, fallback?: UnusablePageFallback): Promise<PageResult> {
  const page = await doc.getPage(pageNumber);
  try {
    const text = await readTextLayer(page);
    const verdict = assessPageText(text);
    if (verdict.usable) return { pageNumber, text, usable: true };
    return fallback ? await fallback(page, { pageNumber, text, verdict }) : { pageNumber, text, usable: false };
  } finally {
    page.cleanup();
  }
}
