import type { DocumentErrorCode } from '../errors.js';
import type { OcrEvent, OcrTask } from './ocr/ocr-pages.js';
import type { PageResult } from './page-text.js';

/** What the PDF worker is asked to do (its `workerData`). */
export interface PdfTask {
  /** `inspect` opens the document and counts pages; `parse` also reads every page. */
  kind: 'inspect' | 'parse';
  bytes: Uint8Array;
  maxPages: number;
  /** For `parse`: recognise pages whose text layer is unusable, within these bounds. */
  ocr?: OcrTask;
}

/**
 * Messages the worker posts, in order: `opened`, then for `parse` one `page` per page in page
 * order, then with OCR `ocr-started` and one `ocr-page` per recognised page (replacing that
 * page's result; in the order they finish), then `finished` — or `failed` at any point. Plain
 * data: they cross a thread boundary.
 */
export type PdfTaskMessage =
  | { type: 'opened'; pageCount: number }
  | { type: 'page'; page: PageResult }
  | OcrEvent
  | { type: 'finished' }
  | { type: 'failed'; code: DocumentErrorCode; message: string; detail: string };
