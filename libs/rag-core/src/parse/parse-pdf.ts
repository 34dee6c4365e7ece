import { DocumentError } from '../errors.js';
import type { ParsedDocument } from '../model.js';
import { documentFromPages } from './document-from-pages.js';
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
  /** Called after each page (in page order) with the pages done so far and the page count. */
  onProgress?: (pagesDone: number, pageCount: number) => void;
  /** Called for a page whose content could not be read; that page gets `text: ''`. */
  onPageError?: (pageNumber: number, reason: string) => void;
}

/**
 * Text of every page of a PDF, in order (`''` for a page without text), read by pdf.js in a
 * worker thread that is terminated on timeout or abort, one page at a time.
 *
 * Rejects with {@link DocumentError}: `NOT_A_PDF` (no `%PDF-` header), `ENCRYPTED_PDF` (needs a
 * password; a file encrypted with an empty user password opens like any other),
 * `CORRUPT_PDF`, `TOO_MANY_PAGES`, `NO_TEXT_LAYER` (no page has text), `PARSE_TIMEOUT`.
 */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  if (!sniffPdf(bytes)) throw new DocumentError('NOT_A_PDF');
  const { onProgress, onPageError } = options;
  let pageCount = 0;
  const pages: PageResult[] = [];
  await runPdfWorker(
    { kind: 'parse', bytes, maxPages: options.maxPages ?? parseDefaults.maxPages },
    {
      timeoutMs: options.timeoutMs ?? parseDefaults.parseTimeoutMs,
      signal: options.signal,
      maxHeapMb: parseDefaults.maxWorkerHeapMb,
      onOpened: (count) => {
        pageCount = count;
      },
      onPage: (page) => {
        pages.push(page);
        if (page.error !== undefined) onPageError?.(page.pageNumber, page.error);
        onProgress?.(pages.length, pageCount);
      },
    },
  );
  return documentFromPages(pageCount, pages);
}
