import { DocumentError } from '../errors.js';
import { parseDefaults } from './parse.defaults.js';
import { runPdfWorker } from './run-pdf-worker.js';
import { sniffPdf } from './sniff-pdf.js';

export interface InspectOptions {
  /** More pages than this fails with `TOO_MANY_PAGES`. Default 2000. */
  maxPages?: number;
  /** Bound for opening the document, worker start included; then `PARSE_TIMEOUT`. Default 15 s. */
  timeoutMs?: number;
  /** Aborting (e.g. the client went away) stops at once and rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export interface PdfInfo {
  pageCount: number;
}

/**
 * Opens a PDF without reading its text, so an upload can be refused at once. Rejects with
 * {@link DocumentError} `NOT_A_PDF`, `ENCRYPTED_PDF`, `CORRUPT_PDF`, `TOO_MANY_PAGES` (the
 * message names the page count and the limit) or `PARSE_TIMEOUT`. A file it accepts can still
 * fail parsing with `NO_TEXT_LAYER`, or `CORRUPT_PDF` when every page is damaged.
 */
export async function inspectPdf(bytes: Uint8Array, options: InspectOptions = {}): Promise<PdfInfo> {
  if (!sniffPdf(bytes)) throw new DocumentError('NOT_A_PDF');
  let pageCount = 0;
  await runPdfWorker(
    { kind: 'inspect', bytes, maxPages: options.maxPages ?? parseDefaults.maxPages },
    {
      timeoutMs: options.timeoutMs ?? parseDefaults.inspectTimeoutMs,
      signal: options.signal,
      maxHeapMb: parseDefaults.maxWorkerHeapMb,
      onOpened: (count) => {
        pageCount = count;
      },
    },
  );
  return { pageCount };
}
