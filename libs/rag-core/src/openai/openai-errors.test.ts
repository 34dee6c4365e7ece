import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.js';
import { toModelError } from './openai-errors.js';

const context = { subject: 'answer model', model: 'llama3.1:8b', baseUrl: 'http://localhost:11434/v1' };

describe('toModelError', () => {
  it('passes a ModelError through unchanged', () => {
    const error = new ModelError('MODEL_THROTTLED', 'busy');
    expect(toModelError(error, context)).toBe(error);
  });

  it('treats a socket reset deep in the cause chain as a dropped connection', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const mapped = toModelError(new Error('body read failed', { cause: reset }), context);
    expect(mapped).toMatchObject({
      code: 'MODEL_ERROR',
      retryable: true,
      message: 'The connection to the answer model server at http://localhost:11434/v1 broke off. Try again in a moment.',
    });
  });

  it('maps anything else to a plain, non-retryable failure keeping the cause', () => {
    const cause = new RangeError('unexpected');
    const mapped = toModelError(cause, context);
    expect(mapped).toMatchObject({ code: 'MODEL_ERROR', retryable: false, message: 'The answer model request failed.' });
    expect(mapped.cause).toBe(cause);
  });

  it('maps an SDK abort the caller did not ask for to a retryable failure', () => {
    expect(toModelError(new OpenAI.APIUserAbortError(), context)).toMatchObject({
      code: 'MODEL_ERROR',
      retryable: true,
      message: 'The answer model request was cancelled before it finished. Try again.',
    });
  });
});
