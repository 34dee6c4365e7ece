import { BlobNotFoundError, DocumentError, ModelError } from '@student-helper/rag-core';
import type { ErrorBody, ErrorCode } from '@student-helper/shared-types';
import { ClientGoneError } from '../http/client-gone.js';
import { ApiError } from './api-error.js';

export interface ErrorReply {
  statusCode: number;
  body: ErrorBody;
  /** Whether the error is the server's fault (logged at error level with its stack). */
  serverFault: boolean;
}

/** Fastify's and its plugins' own errors, by code: a status and a sentence we can show. */
const frameworkErrors: Record<string, { statusCode: number; code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than allowed.' },
  FST_REQ_FILE_TOO_LARGE: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_PARTS_LIMIT: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The upload has more parts than allowed.' },
  FST_FIELDS_LIMIT: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The upload has more form fields than allowed.' },
  FST_FILES_LIMIT: { statusCode: 400, code: 'VALIDATION_ERROR', message: 'Upload one file per request, in the field "file".' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This route does not accept that Content-Type.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the PDF as multipart/form-data in the field "file".',
  },
  FST_MP_PREMATURE_CLOSE: { statusCode: 400, code: 'VALIDATION_ERROR', message: 'The upload ended before the file was complete.' },
};

const statusCodes: Partial<Record<ErrorCode, number>> = {
  NOT_A_PDF: 415,
  ENCRYPTED_PDF: 422,
  CORRUPT_PDF: 422,
  NO_TEXT_LAYER: 422,
  TOO_MANY_PAGES: 422,
  FILE_TOO_LARGE: 413,
  PARSE_TIMEOUT: 422,
  MODEL_THROTTLED: 503,
  MODEL_ERROR: 502,
};

const internal: ErrorBody = { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' } };

/**
 * Maps anything a route, hook or plugin throws to the one error shape. Errors we raise on
 * purpose (ApiError, a document or model error) keep their code and message; fastify's
 * 4xx errors keep their status with our code; anything else is a 500 whose body says nothing
 * about the cause (the log has it).
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof ApiError) return reply(error.statusCode, error.code, error.message);
  if (error instanceof DocumentError) return reply(statusCodes[error.code] ?? 422, error.code, error.message);
  if (error instanceof ModelError) return reply(statusCodes[error.code] ?? 502, error.code, error.message, true);
  // Nobody reads this answer; it only keeps the log honest (not a server fault).
  if (error instanceof ClientGoneError) return reply(400, 'VALIDATION_ERROR', 'The request was cancelled by the client.');
  if (error instanceof BlobNotFoundError) {
    return reply(404, 'NOT_FOUND', 'The file of this document is missing from storage.', true);
  }

  if (typeof error !== 'object' || error === null) return { statusCode: 500, body: internal, serverFault: true };
  const fastifyError = error as { code?: unknown; statusCode?: unknown; validation?: unknown; message?: unknown };
  const code = typeof fastifyError.code === 'string' ? fastifyError.code : undefined;
  const known = code === undefined ? undefined : frameworkErrors[code];
  const message = typeof fastifyError.message === 'string' ? fastifyError.message : '';
  if (known) return reply(known.statusCode, known.code, known.message ?? sentence(message));
  if (fastifyError.validation !== undefined) return reply(400, 'VALIDATION_ERROR', sentence(message));
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  // Other client errors raised by fastify (bad JSON, a bad Content-Length…) carry safe messages.
  if (status >= 400 && status < 500 && code?.startsWith('FST_')) {
    if (status === 404) return reply(404, 'NOT_FOUND', 'Not found.');
    if (status === 413) return reply(413, 'PAYLOAD_TOO_LARGE', sentence(message));
    if (status === 415) return reply(415, 'UNSUPPORTED_MEDIA_TYPE', sentence(message));
    return reply(400, 'VALIDATION_ERROR', sentence(message));
  }
  if (status === 400 && error instanceof SyntaxError) return reply(400, 'VALIDATION_ERROR', 'The request body is not valid JSON.');
  return { statusCode: 500, body: internal, serverFault: true };
}

function reply(statusCode: number, code: ErrorCode, message: string, serverFault = false): ErrorReply {
  return { statusCode, body: { error: { code, message } }, serverFault };
}

/** `body/question must NOT have fewer than 1 characters` → capitalised, with a full stop. */
function sentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return 'The request is not valid.';
  const capitalised = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
