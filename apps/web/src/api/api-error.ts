import type { ErrorCode } from '@student-helper/shared-types';
import { isKnownErrorCode, type ClientErrorCode } from '../errors/error-messages';

/** A failed API call: HTTP status (0 when the server was not reached), code and message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The code a bodyless or non-JSON error response stands for (a proxy's 502 page, a CDN's 413). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_ERROR';
    case 401:
    case 403:
      return 'UNAUTHORIZED';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 416:
      return 'RANGE_NOT_SATISFIABLE';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}

/**
 * The error of a non-2xx response from its status and body text. A body in the contract's
 * `{ error: { code, message } }` shape is taken as is; anything else falls back to the status.
 */
export function apiErrorFromBody(status: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && isKnownErrorCode(code)) {
      return new ApiError(status, code, typeof message === 'string' ? message : '');
    }
  }
  return new ApiError(status, codeForStatus(status), `HTTP ${status}`);
}

export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return apiErrorFromBody(response.status, text);
}

/** The error for a request that never got a response (offline, DNS, CORS, connection reset). */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  error.cause = cause;
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
