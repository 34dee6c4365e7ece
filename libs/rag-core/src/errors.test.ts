import { describe, expect, it } from 'vitest';
import { DocumentError, ModelError } from './errors.js';
import { chunkKey } from './model.js';

describe('DocumentError', () => {
  it('carries its code and a plain-language default message', () => {
    const error = new DocumentError('ENCRYPTED_PDF');
    expect(error.code).toBe('ENCRYPTED_PDF');
    expect(error.message).toBe('This PDF is password-protected. Remove the password and upload it again.');
    expect(error.name).toBe('DocumentError');
  });
  it('keeps a specific message and the cause', () => {
    const cause = new Error('xref');
    const error = new DocumentError('TOO_MANY_PAGES', 'This PDF has 3000 pages; the limit is 2000.', { cause });
    expect(error.message).toBe('This PDF has 3000 pages; the limit is 2000.');
    expect(error.cause).toBe(cause);
  });
});

describe('ModelError', () => {
  it('treats throttling as retryable and other errors as final unless told', () => {
    expect(new ModelError('MODEL_THROTTLED', 'busy').retryable).toBe(true);
    expect(new ModelError('MODEL_ERROR', 'bad request').retryable).toBe(false);
    expect(new ModelError('MODEL_ERROR', 'outage', { retryable: true }).retryable).toBe(true);
  });
});

describe('chunkKey', () => {
  it('is documentId#chunkIndex', () => {
    expect(chunkKey('d1', 0)).toBe('d1#0');
    expect(chunkKey('3f0c', 17)).toBe('3f0c#17');
  });
});
