import type { PDFDocumentProxy, PDFPageProxy } from 'unpdf/pdfjs';
import { textFromItems, type PositionedText } from './normalize-text.js';
import { assessPageText, type PageTextVerdict } from './page-usability.js';

/** What reading one page produced. `usable` is the final verdict on `text` (see {@link assessPageText}). */
export interface PageResult {
  pageNumber: number;
  text: string;
  usable: boolean;
  /** Set when the page could not be read at all (its content is damaged); `text` is then `''`. */
  error?: string;
  /** Why the text layer is unusable, when it is (the page is then a candidate for OCR). */
  unusable?: Exclude<PageTextVerdict, { usable: true }>['reason'];
  /** `ocr` when `text` was recognised from the rendered page. */
  source?: 'ocr';
  /** Tesseract's mean word confidence (0–100) of a recognised page. */
  ocrConfidence?: number;
  /**
   * Why OCR could not give this page usable text (time limit, too low a confidence, nothing
   * recognised, a rendering failure, the page limit); `text` keeps the text layer.
   */
  ocrError?: string;
}

/** A page's text layer: `text` laid out and normalised ({@link textFromItems}), `raw` the item strings as pdf.js gave them. */
export interface TextLayer {
  text: string;
  raw: string;
}

export async function readTextLayer(page: PDFPageProxy): Promise<TextLayer> {
  const content = await page.getTextContent();
  const items = content.items.filter((item): item is typeof item & PositionedText => 'str' in item);
  return { text: textFromItems(items), raw: items.map((item) => item.str).join(' ') };
}

/**
 * Text of one page from its text layer, judged by {@link assessPageText} on both the raw and
 * the normalised text. The page's resources are released afterwards so memory stays bounded
 * by one page; an unusable page is recognised later, by OCR, if at all.
 */
export async function extractPage(doc: PDFDocumentProxy, pageNumber: number): Promise<PageResult> {
  const page = await doc.getPage(pageNumber);
  try {
    const { text, raw } = await readTextLayer(page);
    const verdict = assessPageText(text, raw);
    return verdict.usable ? { pageNumber, text, usable: true } : { pageNumber, text, usable: false, unusable: verdict.reason };
  } finally {
    page.cleanup();
  }
}
