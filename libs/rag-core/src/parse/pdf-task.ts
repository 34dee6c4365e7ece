import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { describeError, pdfjsFailure, tooManyPages } from './pdf-errors.js';
import type { PdfTask, PdfTaskMessage } from './pdf-worker-protocol.js';
import { openPdf } from './open-pdf.js';
import { extractPage, type UnusablePageFallback } from './page-text.js';

/**
 * Runs a {@link PdfTask} in the current thread, reporting through `post`. This is the body of
 * the PDF worker; it never throws. A page that cannot be read is reported with its error and
 * the next page is read: one damaged page should not cost the student the rest of the book.
 */
export async function runPdfTask(task: PdfTask, post: (message: PdfTaskMessage) => void, fallback?: UnusablePageFallback): Promise<void> {
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await openPdf(task.bytes);
    const pageCount = doc.numPages;
    if (pageCount > task.maxPages) throw tooManyPages(pageCount, task.maxPages);
    post({ type: 'opened', pageCount });
    if (task.kind === 'parse') {
      for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
        try {
          post({ type: 'page', page: await extractPage(doc, pageNumber, fallback) });
        } catch (error) {
          post({ type: 'page', page: { pageNumber, text: '', usable: false, error: describeError(error) } });
        }
      }
    }
    post({ type: 'finished' });
  } catch (error) {
    const failure = pdfjsFailure(error);
    post({ type: 'failed', code: failure.code, message: failure.message, detail: describeError(failure.cause ?? failure) });
  } finally {
    await doc?.loadingTask.destroy();
  }
}
