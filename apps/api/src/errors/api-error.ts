import type { ErrorCode } from '@student-helper/shared-types';

/**
 * An error the API answers with as `{ error: { code, message } }` and `statusCode`. The
 * message is shown to the student: it never carries internals.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The one body for "no such session" and "not your session": it reveals nothing about which. */
export const sessionNotFound = (): ApiError => new ApiError(404, 'NOT_FOUND', 'Session not found.');
export const documentNotFound = (): ApiError => new ApiError(404, 'NOT_FOUND', 'Document not found.');
export const jobNotFound = (): ApiError => new ApiError(404, 'NOT_FOUND', 'Job not found.');
export const missingToken = (): ApiError =>
  new ApiError(401, 'UNAUTHORIZED', 'Send the session token as "Authorization: Bearer <token>".');
