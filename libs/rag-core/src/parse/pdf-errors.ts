import { DocumentError } from '../errors.js';

/** Names pdf.js gives the exceptions it throws for bad input (stable across pdf.js versions). */
const passwordException = 'PasswordException';

/**
 * The document error for a failure while pdf.js reads a file. Anything pdf.js throws on input
 * that passed {@link sniffPdf} — `InvalidPDFException`, `UnknownErrorException`, `FormatError`,
 * or a plain `TypeError` from a fuzzed structure — means the file is damaged; only a password
 * request is different.
 */
export function pdfjsFailure(error: unknown): DocumentError {
  if (error instanceof DocumentError) return error;
  const name = error instanceof Error ? error.name : '';
  return new DocumentError(name === passwordException ? 'ENCRYPTED_PDF' : 'CORRUPT_PDF', undefined, { cause: error });
}

export function tooManyPages(pageCount: number, maxPages: number): DocumentError {
  return new DocumentError('TOO_MANY_PAGES', `This PDF has ${pageCount} pages; the limit is ${maxPages}.`);
}

/** One line naming an error for logs: `InvalidPDFException: Invalid PDF structure.` */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
