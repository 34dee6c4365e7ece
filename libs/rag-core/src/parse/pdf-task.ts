import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import type { OcrEngine } from './ocr/ocr-engine.js';
import { ocrPages } from './ocr/ocr-pages.js';
import { OcrUnavailableError } from './ocr/ocr-unavailable-error.js';
import { describeError, pdfjsFailure, tooManyPages } from './pdf-errors.js';
import type { PdfTask, PdfTaskMessage } from './pdf-worker-protocol.js';
import { openPdf } from './open-pdf.js';
import { extractPage, type PageResult } from './page-text.js';

/**
 * Runs a {@link PdfTask} in the current thread, reporting through `post`. This is the body of
 * the PDF worker. A page that cannot be read is reported with its error and the next page is
 * read: one damaged page should not cost the student the rest of the book.
 *
 * Parsing reads every page's text layer first (fast, and it tells how many pages need OCR),
 * then, when the task asks for OCR and `ocr` is given, recognises the pages whose text layer is
 * unusable ({@link ocrPages}). Never throws, except {@link OcrUnavailableError}: OCR could not
 * start at all, a deployment fault the worker turns into a plain error.
 */
export async function runPdfTask(task: PdfTask, post: (message: PdfTaskMessage) => void, ocr?: OcrEngine): Promise<void> {
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await openPdf(task.bytes);
    const pageCount = doc.numPages;
    if (pageCount > task.maxPages) throw tooManyPages(pageCount, task.maxPages);
    post({ type: 'opened', pageCount });
    if (task.kind === 'parse') {
      const unusable: PageResult[] = [];
      for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
        let page: PageResult;
        try {
          page = await extractPage(doc, pageNumber);
        } catch (error) {
          page = { pageNumber, text: '', usable: false, error: describeError(error) };
        }
        post({ type: 'page', page });
        // A page whose content cannot be read renders no better.
        if (!page.usable && page.error === undefined) unusable.push(page);
      }
      if (task.ocr && ocr && unusable.length > 0) await ocrPages(doc, unusable, task.ocr, ocr, post);
    }
    post({ type: 'finished' });
  } catch (error) {
    if (error instanceof OcrUnavailableError) throw error;
    const failure = pdfjsFailure(error);
    post({ type: 'failed', code: failure.code, message: failure.message, detail: describeError(failure.cause ?? failure) });
  } finally {
    await doc?.loadingTask.destroy();
  }
}
