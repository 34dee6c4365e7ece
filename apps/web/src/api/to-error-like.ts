import type { ErrorLike } from '../errors/error-messages';
import { ApiError } from './api-error';

/** Any thrown value as `{ code, message }` for display; unexpected errors keep their message. */
export function toErrorLike(error: unknown): ErrorLike {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}
