import { DocumentError } from '../errors.js';
import type { ParsedDocument } from '../model.js';
import { documentFromPages } from './document-from-pages.js';
import { ocrDeadlineMarginMs, resolveOcrOptions, type OcrOptions } from './ocr/ocr.defaults.js';
import type { OcrEvent } from './ocr/ocr-pages.js';
import type { PageResult } from './page-text.js';
import { parseDefaults } from './parse.defaults.js';
import { runPdfWorker } from './run-pdf-worker.js';
import { sniffPdf } from './sniff-pdf.js';

export interface ParseOptions {
  /** More pages than this fails with `TOO_MANY_PAGES` before any text is read. Default 2000. */
  maxPages?: number;
  /** Bound for the whole document, worker start included; then `PARSE_TIMEOUT`. Default 120 s. */
  timeoutMs?: number;
  /** Aborting stops the parse at once and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * Called after each page's text layer (in page order) with the pages done so far, the page
   * count, and how many of the pages done will be OCR'd (unusable text layer, within the OCR
   * page limit; 0 with `ocr: false`) — so a caller can weigh the OCR still to come.
   */
  onProgress?: (pagesDone: number, pageCount: number, pagesToOcr: number) => void;
  /**
   * Called for a page whose content could not be read (that page gets `text: ''`), and for a
   * page whose text layer is unusable and that OCR could not read or did not reach (it keeps
   * its text layer).
   */
  onPageError?: (pageNumber: number, reason: string) => void;
  /**
   * OCR of pages whose text layer is empty or garbage ({@link assessPageText}): bounds, or
   * `false` for none. On by default with {@link ocrDefaults}.
   */
  ocr?: OcrOptions | false;
  /**
   * Called when OCR starts, with `(0, total)`, and after each page it finished; after every
   * `onProgress` call. Never called when no page needs OCR.
   */
  onOcrProgress?: (pagesDone: number, pageCount: number) => void;
}

/**
 * Text of every page of a PDF, in order (`''` for a page without text), read by pdf.js in a
 * worker thread that is terminated on timeout or abort, one page at a time. Pages whose text
 * layer is unusable are then rendered and recognised with tesseract (`ocr`); their results
 * carry `source: 'ocr'` and the confidence.
 *
 * Rejects with {@link DocumentError}: `NOT_A_PDF` (no `%PDF-` header), `ENCRYPTED_PDF` (needs a
 * password; a file encrypted with an empty user password opens like any other),
 * `CORRUPT_PDF`, `TOO_MANY_PAGES`, `NO_TEXT_LAYER` (no page has text), `PARSE_TIMEOUT`.
 */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  if (!sniffPdf(bytes)) throw new DocumentError('NOT_A_PDF');
  const { onProgress, onPageError, onOcrProgress } = options;
  const timeoutMs = options.timeoutMs ?? parseDefaults.parseTimeoutMs;
  const ocr = options.ocr === false ? undefined : resolveOcrOptions(options.ocr);
  let pageCount = 0;
  let pagesToOcr = 0;
  const pages: PageResult[] = [];
  const onOcr = (event: OcrEvent): void => {
    if (event.type === 'ocr-started') {
      for (const pageNumber of event.skipped) onPageError?.(pageNumber, `Not OCR'd: more pages lack a usable text layer than the OCR limit of ${event.total} per document.`);
      if (event.total > 0) onOcrProgress?.(0, event.total);
      return;
    }
    pages[event.page.pageNumber - 1] = event.page;
    if (event.page.ocrError !== undefined) onPageError?.(event.page.pageNumber, event.page.ocrError);
    onOcrProgress?.(event.done, event.total);
  };
  await runPdfWorker(
    {
      kind: 'parse',
      bytes,
      maxPages: options.maxPages ?? parseDefaults.maxPages,
      ...(ocr && { ocr: { ...ocr, deadline: Date.now() + timeoutMs - ocrDeadlineMarginMs } }),
    },
    {
      timeoutMs,
      signal: options.signal,
      maxHeapMb: parseDefaults.maxWorkerHeapMb,
      onOpened: (count) => {
        pageCount = count;
      },
      onPage: (page) => {
        pages.push(page);
        if (page.error !== undefined) onPageError?.(page.pageNumber, page.error);
        // The worker's rule for what it OCRs (pdf-task.ts), bounded by the limit.
        if (ocr && !page.usable && page.error === undefined && pagesToOcr < ocr.maxPages) pagesToOcr++;
        onProgress?.(pages.length, pageCount, pagesToOcr);
      },
      onOcr,
    },
  );
  return documentFromPages(pageCount, pages);
}
