import type { ErrorCode } from '@student-helper/shared-types';

/** The API's error codes plus the one the browser adds when the server cannot be reached. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR';

/** A failure as the UI receives it: the API's `{ code, message }` or a failed document's `error`. */
export interface ErrorLike {
  code: string;
  message: string;
}

/**
 * One plain sentence per code, written for a student rather than an operator. Typed as a full
 * record so a code added to the API contract fails the web typecheck until it has wording.
 */
export const errorMessages: Record<ClientErrorCode, string> = {
  NOT_A_PDF: 'This file is not a PDF.',
  ENCRYPTED_PDF: 'This PDF is password-protected.',
  CORRUPT_PDF: 'This PDF is damaged and cannot be read.',
  NO_TEXT_LAYER: 'This looks like a scanned image with no text.',
  TOO_MANY_PAGES: 'This PDF has too many pages.',
  FILE_TOO_LARGE: 'This file is too large.',
  PARSE_TIMEOUT: 'Reading this PDF took too long.',
  PROCESSING_FAILED: 'Something went wrong while processing this PDF.',
  VALIDATION_ERROR: 'The request was not accepted.',
  UNAUTHORIZED: 'This session’s key is not valid any more.',
  NOT_FOUND: 'It does not exist any more.',
  PAYLOAD_TOO_LARGE: 'This file is too large to upload.',
  UNSUPPORTED_MEDIA_TYPE: 'Only PDF files can be uploaded.',
  RANGE_NOT_SATISFIABLE: 'That part of the file could not be loaded.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  MODEL_THROTTLED: 'The answering service is busy. Try again in a moment.',
  MODEL_ERROR: 'The answering service could not answer.',
  SERVICE_UNAVAILABLE: 'The server is not available right now.',
  INTERNAL_ERROR: 'Something went wrong on the server.',
  NETWORK_ERROR: 'The server cannot be reached. Check your connection.',
};

export function isKnownErrorCode(code: string): code is ClientErrorCode {
  return Object.hasOwn(errorMessages, code);
}

/** The sentence to show for a failure; an unknown code keeps the server's own message. */
export function describeError(error: ErrorLike): string {
  return isKnownErrorCode(error.code) ? errorMessages[error.code] : error.message;
}

/**
 * What the server's message says beyond the plain sentence (e.g. the page limit of
 * TOO_MANY_PAGES, or "Remove the password and upload it again."), shown as a second line;
 * undefined when it would only repeat the sentence.
 */
export function errorDetail(error: ErrorLike): string | undefined {
  const summary = describeError(error);
  const message = error.message.trim();
  const extra = message.startsWith(summary) ? message.slice(summary.length).trim() : message;
  return extra || undefined;
}
