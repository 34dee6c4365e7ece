import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, DocumentError, ModelError } from '@student-helper/rag-core';
import { ClientGoneError } from '../http/client-gone.js';
import { ApiError } from './api-error.js';
import { toErrorReply } from './to-error-reply.js';

const fastifyError = (code: string, statusCode: number, message: string) => Object.assign(new Error(message), { code, statusCode });

describe('toErrorReply', () => {
  it('keeps the status, code and message of errors raised on purpose', () => {
    expect(toErrorReply(new ApiError(404, 'NOT_FOUND', 'Session not found.'))).toEqual({
      statusCode: 404,
      body: { error: { code: 'NOT_FOUND', message: 'Session not found.' } },
      serverFault: false,
    });
  });

  it('answers document errors with 415 (not a PDF), 413 (too large) or 422 (unreadable)', () => {
    expect(toErrorReply(new DocumentError('NOT_A_PDF')).statusCode).toBe(415);
    expect(toErrorReply(new DocumentError('FILE_TOO_LARGE')).statusCode).toBe(413);
    for (const code of ['ENCRYPTED_PDF', 'CORRUPT_PDF', 'NO_TEXT_LAYER', 'TOO_MANY_PAGES', 'PARSE_TIMEOUT'] as const) {
      const reply = toErrorReply(new DocumentError(code));
      expect(reply.statusCode).toBe(422);
      expect(reply.body.error.code).toBe(code);
      expect(reply.serverFault).toBe(false);
    }
  });

  it('answers model errors with 503 (throttled) or 502, logged as server faults', () => {
    expect(toErrorReply(new ModelError('MODEL_THROTTLED', 'busy'))).toEqual({ statusCode: 503, body: { error: { code: 'MODEL_THROTTLED', message: 'busy' } }, serverFault: true });
    expect(toErrorReply(new ModelError('MODEL_ERROR', 'bad')).statusCode).toBe(502);
  });

  it('maps fastify and multipart errors to the contract codes', () => {
    expect(toErrorReply(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large')).body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than allowed.',
    });
    expect(toErrorReply(fastifyError('FST_FILES_LIMIT', 413, 'reach files limit'))).toMatchObject({ statusCode: 400, body: { error: { code: 'VALIDATION_ERROR' } } });
    expect(toErrorReply(fastifyError('FST_INVALID_MULTIPART_CONTENT_TYPE', 406, 'the request is not multipart'))).toMatchObject({
      statusCode: 415,
      body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    expect(toErrorReply(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, "Body is not valid JSON but content-type is set to 'application/json'")).body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: "Body is not valid JSON but content-type is set to 'application/json'.",
    });
    const validation = Object.assign(new Error('body/question must NOT have fewer than 1 characters'), { validation: [{}], statusCode: 400, code: 'FST_ERR_VALIDATION' });
    expect(toErrorReply(validation).body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'Body/question must NOT have fewer than 1 characters.' });
  });

  it('hides everything else behind a 500 that says nothing about the cause', () => {
    for (const error of [new Error('connect ECONNREFUSED 10.0.0.5:5432 password=secret'), new TypeError('x is undefined'), 'a string', null]) {
      expect(toErrorReply(error)).toEqual({
        statusCode: 500,
        body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' } },
        serverFault: true,
      });
    }
  });

  it('treats a missing blob as a 404 server fault and a client that left as no fault', () => {
    expect(toErrorReply(new BlobNotFoundError('k'))).toMatchObject({ statusCode: 404, serverFault: true, body: { error: { code: 'NOT_FOUND' } } });
    expect(toErrorReply(new ClientGoneError()).serverFault).toBe(false);
  });
});
