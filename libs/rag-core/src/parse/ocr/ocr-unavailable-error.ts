/**
 * OCR could not run at all (its assets or the native canvas module are missing): a deployment
 * fault, not a verdict on the document. It fails the parse with a plain error that the queue
 * retries, instead of reporting every page as unreadable.
 */
export class OcrUnavailableError extends Error {
  override readonly name = 'OcrUnavailableError';
}
