import { getDocumentProxy } from 'unpdf';
import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { pdfjsFailure } from './pdf-errors.js';

/**
 * Opens a PDF with pdf.js (unpdf's serverless build). Runs in the PDF worker thread: pdf.js in
 * Node does its work in the calling thread, so the caller is the thread that may be stopped.
 * pdf.js may take ownership of `bytes` (detach its buffer); pass a copy you do not need back.
 * Throws {@link DocumentError} `ENCRYPTED_PDF` or `CORRUPT_PDF`.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocumentProxy(bytes, {
      // Errors only: warnings about recoverable damage would flood the service log.
      verbosity: 0,
      // Recover what can be read from damaged files instead of failing on the first bad object.
      stopAtErrors: false,
    });
  } catch (error) {
    throw pdfjsFailure(error);
  }
}
