import type { ErrorCode } from '@student-helper/shared-types';

/** Why a document could not be processed. `code` is stable; `message` is for the student. */
export type DocumentErrorCode = Extract<
  ErrorCode,
  'NOT_A_PDF' | 'ENCRYPTED_PDF' | 'CORRUPT_PDF' | 'NO_TEXT_LAYER' | 'TOO_MANY_PAGES' | 'FILE_TOO_LARGE' | 'PARSE_TIMEOUT'
>;

const documentErrorMessages: Record<DocumentErrorCode, string> = {
  NOT_A_PDF: 'This file is not a PDF.',
  ENCRYPTED_PDF: 'This PDF is password-protected. Remove the password and upload it again.',
  CORRUPT_PDF: 'This PDF is damaged and could not be read.',
  NO_TEXT_LAYER: 'This looks like a scanned image with no text we could read.',
  TOO_MANY_PAGES: 'This PDF has more pages than the limit allows.',
  FILE_TOO_LARGE: 'This file is larger than the upload limit.',
  PARSE_TIMEOUT: 'Reading this PDF took too long and was stopped.',
};

/**
 * A document-level failure that retrying will not fix: the processor marks the document
 * `failed` with this code at once instead of letting the queue redeliver it.
 */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(
    readonly code: DocumentErrorCode,
    message: string = documentErrorMessages[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type ModelErrorCode = Extract<ErrorCode, 'MODEL_THROTTLED' | 'MODEL_ERROR'>;

/** A model provider failure (throttling, validation, outage) with a message safe to show. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  /** Whether the same request may succeed later (throttling, a 5xx). */
  readonly retryable: boolean;
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? code === 'MODEL_THROTTLED';
  }
}

/** A blob key that does not exist. */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`No blob stored under ${key}`);
  }
}
