import {
  AccessDeniedException,
  InternalServerException,
  ModelStreamErrorException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.js';
import { bedrockErrorName, isRetryableBedrockError, toModelError } from './bedrock-errors.js';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('isRetryableBedrockError', () => {
  it('retries throttling, 5xx, a model not ready and dropped connections', () => {
    expect(isRetryableBedrockError(new ThrottlingException({ message: 'slow down', ...metadata(429) }))).toBe(true);
    expect(isRetryableBedrockError(new ServiceUnavailableException({ message: 'down', ...metadata(503) }))).toBe(true);
    expect(isRetryableBedrockError(new InternalServerException({ message: 'oops', ...metadata(500) }))).toBe(true);
    expect(isRetryableBedrockError(Object.assign(new Error('gateway'), { name: 'SomethingNew', $metadata: { httpStatusCode: 502 } }))).toBe(true);
    expect(isRetryableBedrockError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableBedrockError(Object.assign(new Error('loading'), { name: 'ModelNotReadyException' }))).toBe(true);
  });

  it('does not retry what the same request cannot fix', () => {
    expect(isRetryableBedrockError(new ValidationException({ message: 'bad', ...metadata(400) }))).toBe(false);
    expect(isRetryableBedrockError(new AccessDeniedException({ message: 'no', ...metadata(403) }))).toBe(false);
    expect(isRetryableBedrockError(new Error('plain'))).toBe(false);
    expect(isRetryableBedrockError('text')).toBe(false);
  });
});

describe('bedrockErrorName', () => {
  it('reads SDK names and the camelCase names of stream exception events', () => {
    expect(bedrockErrorName(new ThrottlingException({ message: 'x', $metadata: {} }))).toBe('ThrottlingException');
    expect(bedrockErrorName(Object.assign(new Error('x'), { name: 'modelStreamErrorException' }))).toBe('ModelStreamErrorException');
    expect(bedrockErrorName(null)).toBeUndefined();
  });
});

describe('toModelError', () => {
  it('maps throttling to a retryable MODEL_THROTTLED and keeps the SDK error as cause', () => {
    const cause = new ThrottlingException({ message: 'Too many requests, please wait before trying again.', ...metadata(429) });
    const error = toModelError(cause, 'answer model');
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'MODEL_THROTTLED', retryable: true, message: 'The answer model is receiving too many requests right now. Try again in a moment.' });
    expect(error.cause).toBe(cause);
  });

  it('gives each failure a message a student can read, without the service wording', () => {
    const cases: [Error, string, boolean][] = [
      [
        new AccessDeniedException({ message: 'User arn:aws:sts::1:assumed-role/x is not authorized', ...metadata(403) }),
        'This deployment is not allowed to use the answer model: enable access to the model in Bedrock and allow it in the IAM policy.',
        false,
      ],
      [
        new ResourceNotFoundException({ message: 'Model not found', ...metadata(404) }),
        'The configured answer model does not exist in this Region or is not enabled for this account.',
        false,
      ],
      [new ValidationException({ message: 'messages: field required', ...metadata(400) }), 'The answer model rejected the request as invalid.', false],
      [new ModelStreamErrorException({ message: 'stream broke', ...metadata(424) }), 'The answer model failed while writing its reply.', false],
      [new ServiceUnavailableException({ message: 'down', ...metadata(503) }), 'The answer model is temporarily unavailable. Try again in a moment.', true],
      [new Error('socket hang up'), 'The answer model request failed.', false],
    ];
    for (const [cause, message, retryable] of cases) {
      expect(toModelError(cause, 'answer model')).toMatchObject({ code: 'MODEL_ERROR', message, retryable });
    }
  });

  it('passes a ModelError through unchanged', () => {
    const original = new ModelError('MODEL_ERROR', 'already mapped');
    expect(toModelError(original, 'answer model')).toBe(original);
  });
});
